package probelab.probe;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GoStartTimesTest {
    @Test
    void the_four_parts_follow_the_servers_clock_and_add_up_to_the_whole_start() throws Exception {
        // issued at 1,000 ms; Go's clock starts at 1,300 (main at 1,302 after 2 ms of init); listening at 1,302.5; answer at 1,310
        GoStartTimes t = new GoStartTimes(1_302_000_000L, 2_000_000L, 1_302_500_000L);
        Map<String, Double> split = t.split(1_000_000_000L, 1_310_000_000L);
        assertEquals(List.of("until_go", "go_init", "go_listen", "to_answer"), List.copyOf(split.keySet()));
        assertEquals(List.of(300.0, 2.0, 0.5, 7.5), List.copyOf(split.values()));
    }

    @Test
    void a_server_clock_outside_the_interval_or_without_an_init_reading_gives_no_split_and_says_why() {
        GoStartTimes vmClock = new GoStartTimes(900_000_000L, 2_000_000L, 901_000_000L);
        var e = assertThrows(GoStartTimes.SplitUnavailable.class, () -> vmClock.split(1_000_000_000L, 1_310_000_000L));
        assertTrue(e.getMessage().contains("until_go") && e.getMessage().contains("not this host's"), e.getMessage());
        GoStartTimes noReading = new GoStartTimes(1_302_000_000L, -1, 1_302_500_000L);
        assertThrows(GoStartTimes.SplitUnavailable.class, () -> noReading.split(1_000_000_000L, 1_310_000_000L));
    }
}
