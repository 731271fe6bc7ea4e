package probelab.runtime;

import org.junit.jupiter.api.Test;
import probelab.process.Exec;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ImageBuildStepsTest {
    private static Exec.TimedResult output(long elapsedNanos, Exec.TimedLine... lines) {
        return new Exec.TimedResult(new Exec.Result(List.of("x"), 0, "", "", elapsedNanos, false), 1_000, List.of(lines));
    }

    @Test
    void docker_and_podman_step_lines_each_last_until_the_next_one_and_the_last_until_the_build_ends() {
        var steps = OciImageBuilds.steps(output(10_000,
                new Exec.TimedLine(1_100, "Sending build context to Docker daemon  4.096kB"),
                new Exec.TimedLine(1_200, "Step 1/3 : FROM probelab/go:1.23 AS build"),
                new Exec.TimedLine(1_500, " ---> 236e28ef5601"),
                new Exec.TimedLine(2_000, "[1/2] STEP 2/3: COPY . /src"),
                new Exec.TimedLine(7_000, "STEP 3/3: RUN [\"go\", \"build\"]"),
                new Exec.TimedLine(9_000, "Successfully built 9a1f3eaa53df")));
        assertEquals(List.of(new ImageBuilder.Step(1, "FROM probelab/go:1.23 AS build", 800),
                new ImageBuilder.Step(2, "COPY . /src", 5_000),
                new ImageBuilder.Step(3, "RUN [\"go\", \"build\"]", 4_000)), steps);
    }

    @Test
    void a_cache_mount_id_names_its_owner_and_one_of_a_process_that_is_gone_is_abandoned() {
        assertFalse(OciImageBuilds.ownerAliveOf(OciImageBuilds.CACHE_ID_PREFIX + "999999999.1-20261202-abcd1234-0-1"));
        assertFalse(OciImageBuilds.ownerAliveOf(OciImageBuilds.CACHE_ID_PREFIX + "garbled"));
        String[] me = OciLabels.OWNER.split("/");
        assertTrue(OciImageBuilds.ownerAliveOf(OciImageBuilds.CACHE_ID_PREFIX + me[1] + "." + me[2] + "-20261202-abcd1234-0-1"));
    }
}
