package probelab.runtime;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.parallel.ResourceLock;
import probelab.TestEnv;
import probelab.probe.HttpClosedLoop;
import probelab.probe.Readiness;

import java.net.URI;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A native server's memory, read as the probe reads it, against ps and smaps_rollup. */
@Timeout(value = TestEnv.BUILD_TEST_MINUTES, unit = TimeUnit.MINUTES)
@ResourceLock(TestEnv.MACHINE)
@ResourceLock(TestEnv.ENGINES)
class NativeServerMemoryTest {
    @Test
    void after_two_thousand_requests_the_servers_memory_and_its_parts_agree_with_ps_and_smaps() throws Exception {
        NativeRuntime rt = new NativeRuntime(EngineSupport.SCRATCH, GoTime.NONE);
        int port = EngineSupport.freePort();
        try (Runtime.Server server = rt.startServer(EngineSupport.toolchain(), EngineSupport.echoBinary(), port, "memory-test")) {
            Readiness.awaitHttp200(port, 30_000, server::alive);
            var work = HttpClosedLoop.requests(URI.create("http://127.0.0.1:" + port + "/"), 2_000, 60_000);
            assertEquals(2_000, work.requests());
            server.locateProcess();
            Runtime.MemoryReading m = server.memory();
            // the heap grew with the requests: anonymous pages are most of the resident memory by now
            assertTrue(m.rssParts().anonBytes() > 2_000_000, m.rssParts().toString());
            assertTrue(m.rssParts().fileBytes() > 500_000, "the binary's mapped pages: " + m.rssParts());
            MemoryChecks.agreeWithPsAndSmaps(m);
        }
    }
}
