package probelab.analysis;

import org.junit.jupiter.api.Test;
import probelab.runtime.NativeRuntime;
import probelab.runtime.OciRuntimeSpec;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class RuntimeColorsTest {
    @Test
    void every_built_in_runtime_has_a_colour_no_other_built_in_runtime_has() {
        List<String> ids = new ArrayList<>(List.of(NativeRuntime.ID));
        OciRuntimeSpec.builtIns("probelab").forEach(s -> ids.add(s.id()));
        Map<String, String> owner = new HashMap<>();
        for (String id : ids) {
            assertNull(owner.putIfAbsent(RuntimeColors.of(id), id), id + " shares its colour with " + owner.get(RuntimeColors.of(id)));
        }
    }

    @Test
    void an_unknown_runtime_keeps_its_colour_between_calls() {
        assertEquals(RuntimeColors.of("my-lima"), RuntimeColors.of("my-lima"));
    }
}
