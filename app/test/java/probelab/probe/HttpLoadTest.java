package probelab.probe;

import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import probelab.TestEnv;
import probelab.process.LoopbackPorts;
import probelab.toolchain.Toolchains;

import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The multi-connection loads against the real echo server: what they count and from when. */
@ResourceLock(TestEnv.MACHINE)
@ResourceLock(TestEnv.ENGINES)
class HttpLoadTest {
    private static final Path ROOT = Path.of(System.getProperty("probelab.root", ".")).toAbsolutePath().normalize();
    private static final List<Process> SERVERS = new ArrayList<>();
    private static URI fast;
    private static URI slow;

    @BeforeAll
    static void startServers() throws Exception {
        Path echo = new ServerBinaries(ROOT.resolve("probes"), TestEnv.sharedVar().resolve("bin")).echo(Toolchains.discover().newest());
        fast = start(echo);
        slow = start(echo, "-delay", "20ms");
    }

    private static URI start(Path echo, String... flags) throws Exception {
        int port = LoopbackPorts.free();
        List<String> cmd = new ArrayList<>(List.of(echo.toString(), "-addr", "127.0.0.1:" + port, "-exit-with-parent"));
        cmd.addAll(List.of(flags));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        SERVERS.add(p);
        Readiness.awaitHttp200(port, 10_000, p::isAlive);
        return URI.create("http://127.0.0.1:" + port + "/");
    }

    @AfterAll
    static void stopServers() {
        SERVERS.forEach(Process::destroy);
    }

    @Test
    void a_closed_loop_keeps_every_connection_busy_so_its_mean_latency_is_connections_over_throughput() throws IOException {
        HttpLoad.closed(fast, 8, 300); // warm-up
        HttpClosedLoop.Outcome out = HttpLoad.closed(fast, 8, 1000);
        assertTrue(out.requests() > 1000, "requests: " + out.requests());
        // Little's law: 8 requests always in flight, so mean latency = 8 / throughput (within the last replies' edge)
        double littleMicros = 8 / out.throughputRps() * 1e6;
        double meanMicros = out.latencyNanos().getMean() / 1e3;
        assertEquals(1.0, meanMicros / littleMicros, 0.10, "mean " + meanMicros + " us vs Little's law " + littleMicros + " us");
        assertEquals(out.requests(), out.latencyNanos().getTotalCount(), "every request is in the merged histogram");
    }

    @Test
    void an_open_loop_sends_at_the_rate_asked_whatever_the_replies_do() throws IOException {
        HttpClosedLoop.Outcome out = HttpLoad.open(fast, 4, 400, 1000);
        assertEquals(400, out.requests(), 8, "400 req/s for 1 s");
        assertTrue(out.latencyNanos().getValueAtPercentile(50) < 20_000_000, "an idle server answers fast");
    }

    @Test
    void an_open_loop_counts_a_stalled_server_as_the_queue_it_causes_where_a_closed_loop_hides_it() throws IOException {
        // 2 connections on a server that takes 20 ms: a closed loop sees 20 ms whatever the demand; asked for 200 req/s
        // (twice what it can serve) the open loop's requests wait behind each other and their latency from the
        // intended send time grows through the window, as users' requests would
        HttpClosedLoop.Outcome closed = HttpLoad.closed(slow, 2, 600);
        HttpClosedLoop.Outcome open = HttpLoad.open(slow, 2, 200, 600);
        double closedP50 = closed.latencyNanos().getValueAtPercentile(50) / 1e6;
        double openP99 = open.latencyNanos().getValueAtPercentile(99) / 1e6;
        assertEquals(20, closedP50, 8, "closed loop: the service time");
        assertTrue(openP99 > 3 * closedP50, "open loop p99 " + openP99 + " ms against service time " + closedP50 + " ms");
    }

    @Test
    void a_reply_split_anywhere_is_read_whole_and_bytes_after_it_are_refused() throws IOException {
        byte[] reply = "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\ncontent-length: 5\r\n\r\nhello".getBytes(StandardCharsets.US_ASCII);
        for (int cut = 1; cut < reply.length; cut++) {
            HttpLoad.ReplyParser p = new HttpLoad.ReplyParser();
            assertEquals(0, p.feed(ByteBuffer.wrap(reply, 0, cut)), "incomplete at " + cut);
            assertEquals(200, p.feed(ByteBuffer.wrap(reply, cut, reply.length - cut)), "complete after " + cut);
        }
        HttpLoad.ReplyParser p = new HttpLoad.ReplyParser();
        byte[] twice = (new String(reply, StandardCharsets.US_ASCII) + "HTTP").getBytes(StandardCharsets.US_ASCII);
        assertThrows(IOException.class, () -> p.feed(ByteBuffer.wrap(twice)));
        HttpLoad.ReplyParser chunked = new HttpLoad.ReplyParser();
        assertThrows(IOException.class, () -> chunked.feed(ByteBuffer.wrap(
                "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n".getBytes(StandardCharsets.US_ASCII))));
    }
}
