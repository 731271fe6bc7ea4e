package probelab.web.machines;

import probelab.catalog.BadInput;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import probelab.storage.machines.MachineRow;
import probelab.storage.machines.Machines;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** GET /api/machine: this server's machine and every machine the database knows; PUT names this one. */
public final class MachineController {
    private final Machines machines;
    private final ObjectMapper json;

    public MachineController(Machines machines, ObjectMapper json) {
        this.machines = machines;
        this.json = json;
    }

    public void get(Context ctx) throws JsonProcessingException {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("local", machines.local().orElse(null));
        doc.put("machines", machines.all().stream().map(k -> Map.of("machine", k.machine(), "runs", k.runs(),
                "local", k.local())).toList());
        ctx.contentType("application/json").result(json.writeValueAsString(doc));
    }

    /** PUT /api/machine {"name": "ci-runner-1"}: a malformed or taken name is a 400 that says why. */
    public void rename(Context ctx) throws JsonProcessingException {
        JsonNode body;
        try {
            body = json.readTree(ctx.body());
        } catch (JsonProcessingException e) {
            throw new BadInput("body", "send JSON like {\"name\": \"ci-runner-1\"}", List.of());
        }
        JsonNode name = body == null ? null : body.get("name");
        if (name == null || !name.isTextual()) throw new BadInput("name", "send JSON like {\"name\": \"ci-runner-1\"}", List.of());
        MachineRow local = machines.local().orElseThrow(() -> new BadInput("this database has no local machine yet"));
        MachineRow renamed = machines.rename(local.machineId(), name.asText());
        ctx.contentType("application/json").result(json.writeValueAsString(renamed));
    }
}
