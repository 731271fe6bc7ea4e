package probelab.catalog;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class MetricTest {
    @Test
    void only_counts_of_events_a_window_may_not_have_the_servers_shared_memory_and_the_runtimes_own_memory_can_be_zero() {
        List<Metric> zeroable = Metric.all().stream().filter(Metric::canBeZero).toList();
        assertEquals(List.of(Metric.SERVER_RSS_SHMEM_BYTES, Metric.RUNTIME_OVERHEAD_BYTES, Metric.CPU_THROTTLED_PCT, Metric.GC_CYCLES, Metric.GC_PAUSE_MS,
                Metric.OOM_KILLS), zeroable, "a latency, a start, a size or a build time of 0 is a broken probe");
    }
}
