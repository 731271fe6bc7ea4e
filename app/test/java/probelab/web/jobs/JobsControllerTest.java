package probelab.web.jobs;

import org.junit.jupiter.api.Test;
import probelab.probe.Conditions;
import probelab.probe.JobRequest;
import probelab.probe.Sampling;
import probelab.probe.Selection;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** The job form's presets, without a server. */
class JobsControllerTest {
    @Test
    void a_preset_keeps_its_precision_as_given_rather_than_a_whole_number() {
        JobRequest precise = new JobRequest(Selection.of(List.of("native"), List.of("1.23"), null, null, "1.23"),
                Sampling.of(null, null, null, 2.5, null, null), Conditions.DEFAULT);
        String url = JobsController.presetUrl(precise);
        assertTrue(url.contains("precision_pct=2.5&"), url);
        String whole = JobsController.presetUrl(JobRequest.firstLook(List.of("native"), "1.23"));
        assertTrue(whole.contains("precision_pct=5&"), "a whole precision reads as people type it: " + whole);
    }
}
