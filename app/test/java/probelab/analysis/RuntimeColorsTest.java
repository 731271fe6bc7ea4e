package probelab.analysis;

import org.junit.jupiter.api.Test;
import probelab.runtime.NativeRuntime;
import probelab.runtime.OciRuntimeSpec;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
    void an_unknown_runtime_or_a_scenario_series_gets_a_fixed_colour_no_built_in_runtime_has() {
        // fixed by the id's String.hashCode, which Java specifies: the same on every page, filter, JVM and machine
        assertEquals("#661100", RuntimeColors.of("my-lima"));
        assertEquals("#F0E442", RuntimeColors.of("docker · cpus=0.5"), "a scenario of docker is a series beside docker");
        List<String> builtIn = new ArrayList<>(List.of(RuntimeColors.of(NativeRuntime.ID)));
        OciRuntimeSpec.builtIns("probelab").forEach(s -> builtIn.add(RuntimeColors.of(s.id())));
        assertFalse(builtIn.contains(RuntimeColors.of("my-lima")), builtIn.toString());
        assertFalse(builtIn.contains(RuntimeColors.of("docker · cpus=0.5")), builtIn.toString());
    }
}
