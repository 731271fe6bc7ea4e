package probelab.web.jobs;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** What the progress widget and the form print, without a server. */
class JobViewsTest {
    @Test
    void time_left_reads_about_n_seconds_then_minutes_and_nothing_without_an_estimate() {
        assertEquals("", JobViews.timeLeft(null));
        assertEquals("about 0 s left", JobViews.timeLeft(200L));
        assertEquals("about 40 s left", JobViews.timeLeft(40_400L));
        assertEquals("about 119 s left", JobViews.timeLeft(119_000L));
        assertEquals("about 4 min left", JobViews.timeLeft(235_000L));
    }

    @Test
    void the_precision_box_shows_what_people_type() {
        assertEquals("5", form(5).precision());
        assertEquals("2.5", form(2.5).precision());
    }

    private static JobViews.Form form(double precisionPct) {
        return new JobViews.Form(List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), 1, 1000, 1000, precisionPct, 6, 30, "", List.of());
    }
}
