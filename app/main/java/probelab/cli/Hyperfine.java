package probelab.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import probelab.process.Exec;
import probelab.runtime.Runtime;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** hyperfine timing a command from outside probelab, the independent clock the bench commands compare with. */
final class Hyperfine {
    /**
     * What hyperfine runs (in bash, whose start-up it subtracts): the NUL-separated argv in $PROBELAB_BENCH_ARGV,
     * exec'd as it is, so no argument is ever pasted into a shell string.
     */
    static final String EXEC_ARGV = "mapfile -d '' -t a < \"$PROBELAB_BENCH_ARGV\"; exec \"${a[@]}\"";

    private final ObjectMapper json = new ObjectMapper();
    private final Path argvFile;
    private final Path jsonFile;

    /** Keeps its argv and JSON files in {@code work}, named after {@code name} (one instance per concurrent user). */
    Hyperfine(Path work, String name) {
        this.argvFile = work.resolve(name + ".argv");
        this.jsonFile = work.resolve(name + ".json");
    }

    /**
     * hyperfine's median of {@code cmd} in ms, with {@code options} (e.g. {@code --runs 1 --output pipe}) before the
     * command.
     */
    double medianMillis(Runtime.UserCommand cmd, List<String> options, long timeoutMillis) throws Exception {
        ByteArrayOutputStream argv = new ByteArrayOutputStream();
        for (String a : cmd.argv()) {
            argv.writeBytes(a.getBytes(StandardCharsets.UTF_8));
            argv.write(0);
        }
        Files.write(argvFile, argv.toByteArray());
        Map<String, String> env = new HashMap<>(cmd.env());
        env.put("PROBELAB_BENCH_ARGV", argvFile.toString());
        List<String> hyperfine = new ArrayList<>(List.of("hyperfine", "--style", "none", "--shell", "bash"));
        hyperfine.addAll(options);
        hyperfine.addAll(List.of("--export-json", jsonFile.toString(), EXEC_ARGV));
        Exec.Result r = Exec.run(hyperfine, cmd.dir(), env, timeoutMillis);
        if (!r.ok()) {
            throw new IllegalStateException("hyperfine of " + cmd.argv().get(0) + " failed (install it with ./probelab setup): "
                    + r.reason());
        }
        return json.readTree(jsonFile.toFile()).get("results").get(0).get("median").asDouble() * 1e3;
    }
}
