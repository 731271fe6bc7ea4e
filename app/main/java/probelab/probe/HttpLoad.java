package probelab.probe;

import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * HTTP/1.1 keep-alive load over several connections, served the way wrk serves them: a few event-loop threads (one
 * per core at most), each multiplexing its share of non-blocking connections, a request timed from its write to the
 * end of its reply. Two designs:
 * <ul>
 * <li>closed loop: a connection sends its next request as soon as its reply is read (wrk); the latency is the
 * service time, the throughput the most the server gives at that concurrency;</li>
 * <li>open loop at a constant total rate: request {@code k} of a connection is due at a fixed time whatever happened
 * before, and its latency counts from that intended send time, so a stall shows as the queue it causes rather than
 * as one slow request (wrk2's correction of coordinated omission).</li>
 * </ul>
 * One connection in a closed loop is {@link HttpClosedLoop}, checked against wrk -c1.
 */
public final class HttpLoad {
    /** Below this wait the loop parks instead of selecting: select's timeout counts whole milliseconds. */
    private static final long SELECT_GRANULARITY_NANOS = 2_000_000;
    /** How long the open loop waits for the replies still in flight at the end of its window. */
    private static final long REPLY_TIMEOUT_NANOS = 10_000_000_000L;

    private HttpLoad() {
    }

    /** {@code connections} connections in a closed loop for {@code durationMillis}. */
    public static HttpClosedLoop.Outcome closed(URI target, int connections, long durationMillis) throws IOException {
        if (connections == 1) return HttpClosedLoop.run(target, durationMillis);
        return run(target, connections, durationMillis, 0);
    }

    /**
     * {@code connections} connections sending {@code totalRps} requests per second between them for
     * {@code durationMillis}, latency counted from each request's intended send time.
     */
    public static HttpClosedLoop.Outcome open(URI target, int connections, double totalRps, long durationMillis) throws IOException {
        if (!(totalRps > 0)) throw new IllegalArgumentException("an open loop needs a rate above 0, got " + totalRps);
        return run(target, connections, durationMillis, totalRps);
    }

    /** {@code rps} 0: closed loop. */
    private static HttpClosedLoop.Outcome run(URI target, int connections, long durationMillis, double rps) throws IOException {
        String host = target.getHost();
        int port = target.getPort() > 0 ? target.getPort() : 80;
        String path = target.getRawPath() == null || target.getRawPath().isEmpty() ? "/" : target.getRawPath();
        byte[] request = ("GET " + path + " HTTP/1.1\r\nHost: " + host + ":" + port + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        int loops = Math.max(1, Math.min(connections, java.lang.Runtime.getRuntime().availableProcessors()));
        // each connection's requests are due every `interval`; connections are staggered so the total rate is even
        long intervalNanos = rps > 0 ? Math.max(1, Math.round(connections * 1e9 / rps)) : 0;
        List<EventLoop> group = new ArrayList<>();
        try {
            for (int l = 0; l < loops; l++) group.add(new EventLoop(request, intervalNanos, target.toString()));
            for (int c = 0; c < connections; c++) {
                SocketChannel ch = SocketChannel.open();
                group.get(c % loops).add(ch, c, connections);
                ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
                ch.socket().connect(new InetSocketAddress(host, port), 5_000);
                ch.configureBlocking(false);
            }
            CountDownLatch go = new CountDownLatch(1);
            long[] window = new long[2]; // start, deadline: written before go opens
            AtomicReference<IOException> failure = new AtomicReference<>();
            List<Thread> threads = new ArrayList<>();
            for (EventLoop loop : group) {
                Thread t = new Thread(() -> {
                    try {
                        go.await();
                        loop.run(window[0], window[1], failure);
                    } catch (IOException e) {
                        failure.compareAndSet(null, e);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }, "probelab-load");
                t.setDaemon(true);
                threads.add(t);
                t.start();
            }
            window[0] = System.nanoTime();
            window[1] = window[0] + durationMillis * 1_000_000L;
            go.countDown();
            for (Thread t : threads) {
                try {
                    t.join();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted during the load");
                }
            }
            if (failure.get() != null) throw failure.get();
            Histogram merged = new Histogram(HttpClosedLoop.SIGNIFICANT_DIGITS);
            long requests = 0, end = window[0];
            for (EventLoop loop : group) {
                merged.add(loop.histogram);
                requests += loop.requests;
                end = Math.max(end, loop.endNanos);
            }
            return new HttpClosedLoop.Outcome(merged, requests, Math.max(1, end - window[0]));
        } finally {
            for (EventLoop loop : group) loop.close();
        }
    }

    /** One thread's connections, multiplexed on one selector. */
    private static final class EventLoop {
        final Histogram histogram = new Histogram(HttpClosedLoop.SIGNIFICANT_DIGITS);
        long requests;
        long endNanos;
        private final Selector selector;
        private final byte[] request;
        private final long intervalNanos;
        private final String target;
        private final List<Connection> connections = new ArrayList<>();
        private final ByteBuffer readBuffer = ByteBuffer.allocateDirect(64 * 1024);

        EventLoop(byte[] request, long intervalNanos, String target) throws IOException {
            this.selector = Selector.open();
            this.request = request;
            this.intervalNanos = intervalNanos;
            this.target = target;
        }

        void add(SocketChannel ch, int index, int of) {
            connections.add(new Connection(ch, intervalNanos == 0 ? 0 : intervalNanos * index / of));
        }

        void run(long start, long deadline, AtomicReference<IOException> failure) throws IOException {
            for (Connection c : connections) {
                c.channel.register(selector, SelectionKey.OP_READ, c);
                c.due = start + c.offsetNanos;
                if (intervalNanos == 0) send(c, System.nanoTime());
            }
            long now = System.nanoTime();
            while (failure.get() == null) {
                now = System.nanoTime();
                if (intervalNanos == 0 ? now >= deadline : allDone(deadline)) break;
                if (now > deadline + REPLY_TIMEOUT_NANOS) throw new IOException("no reply within 10 s from " + target);
                long wait = intervalNanos == 0 ? deadline - now : deadline + REPLY_TIMEOUT_NANOS - now;
                if (intervalNanos > 0) {
                    // send whatever is due on idle connections; wait until the next due one (or a reply)
                    for (Connection c : connections) {
                        if (c.inFlight || c.due >= deadline) continue;
                        if (c.due <= now) send(c, c.due);
                        else wait = Math.min(wait, c.due - now);
                    }
                }
                if (wait <= 0) continue;
                int ready = wait < SELECT_GRANULARITY_NANOS && intervalNanos > 0 ? selector.selectNow() : selector.select(Math.max(1, wait / 1_000_000));
                if (ready == 0 && intervalNanos > 0 && wait < SELECT_GRANULARITY_NANOS) LockSupport.parkNanos(Math.min(wait, 50_000));
                for (SelectionKey key : selector.selectedKeys()) {
                    Connection c = (Connection) key.attachment();
                    if (read(c)) {
                        long done = System.nanoTime();
                        histogram.recordValue(Math.max(0, done - c.sentAt));
                        requests++;
                        c.inFlight = false;
                        endNanos = done;
                        if (intervalNanos == 0) {
                            if (done < deadline) send(c, done);
                        } else {
                            c.due += intervalNanos;
                        }
                    }
                }
                selector.selectedKeys().clear();
            }
            if (endNanos == 0) endNanos = now;
        }

        private boolean allDone(long deadline) {
            for (Connection c : connections) if (c.inFlight || c.due < deadline) return false;
            return true;
        }

        /** Writes the request; {@code timedFrom} is when it counts from (now, or its intended time in an open loop). */
        private void send(Connection c, long timedFrom) throws IOException {
            ByteBuffer out = ByteBuffer.wrap(request);
            while (out.hasRemaining()) {
                if (c.channel.write(out) == 0) Thread.onSpinWait(); // a few bytes: the socket buffer takes them at once
            }
            c.sentAt = timedFrom;
            c.inFlight = true;
            c.reply.reset();
        }

        /** Reads what arrived; true when the reply in flight is complete. */
        private boolean read(Connection c) throws IOException {
            boolean complete = false;
            while (true) {
                readBuffer.clear();
                int n = c.channel.read(readBuffer);
                if (n < 0) throw new IOException("the server closed a connection of " + target);
                if (n == 0) return complete;
                readBuffer.flip();
                int status = c.reply.feed(readBuffer);
                if (status > 0) {
                    if (status != 200) throw new IOException("server answered HTTP " + status + " to " + target);
                    complete = true;
                }
            }
        }

        void close() {
            for (Connection c : connections) {
                try {
                    c.channel.close();
                } catch (IOException ignored) {
                    // closing a connection the server already dropped
                }
            }
            try {
                selector.close();
            } catch (IOException ignored) {
                // nothing left to release
            }
        }
    }

    /** One keep-alive connection with at most one request in flight. */
    private static final class Connection {
        final SocketChannel channel;
        final long offsetNanos;
        final ReplyParser reply = new ReplyParser();
        long due;
        long sentAt;
        boolean inFlight;

        Connection(SocketChannel channel, long offsetNanos) {
            this.channel = channel;
            this.offsetNanos = offsetNanos;
        }
    }

    /**
     * An HTTP/1.1 reply read in pieces as they arrive: the head up to the blank line, then Content-Length bytes of
     * body. Bytes are parsed in place, without strings, as {@link HttpClosedLoop#readResponse} does.
     */
    static final class ReplyParser {
        private static final byte[] CONTENT_LENGTH = "content-length:".getBytes(StandardCharsets.US_ASCII);
        private final byte[] head = new byte[16 * 1024];
        private int headLength;
        private long bodyLeft = -1;
        private int status;

        void reset() {
            headLength = 0;
            bodyLeft = -1;
            status = 0;
        }

        /** Consumes {@code in}; the status once the whole reply has been read, else 0. */
        int feed(ByteBuffer in) throws IOException {
            while (in.hasRemaining()) {
                if (bodyLeft == 0) throw new IOException("bytes after a complete reply: the server answered a request not sent");
                if (bodyLeft < 0) {
                    if (headLength == head.length) throw new IOException("reply head longer than " + head.length + " bytes");
                    head[headLength++] = in.get();
                    if (headLength >= 4 && head[headLength - 1] == '\n' && head[headLength - 2] == '\r'
                            && head[headLength - 3] == '\n' && head[headLength - 4] == '\r') {
                        parseHead();
                    }
                } else {
                    int skip = (int) Math.min(bodyLeft, in.remaining());
                    in.position(in.position() + skip);
                    bodyLeft -= skip;
                }
                if (bodyLeft == 0) {
                    if (in.hasRemaining()) throw new IOException("bytes after a complete reply: the server answered a request not sent");
                    return status;
                }
            }
            return 0;
        }

        private void parseHead() throws IOException {
            if (headLength < 12 || head[0] != 'H' || head[4] != '/') {
                throw new IOException("not an HTTP response: " + new String(head, 0, Math.min(headLength, 80), StandardCharsets.US_ASCII));
            }
            status = (head[9] - '0') * 100 + (head[10] - '0') * 10 + (head[11] - '0');
            long length = -1;
            for (int i = 0; i < headLength; i++) {
                if ((i == 0 || head[i - 1] == '\n') && startsWith(i)) {
                    long v = 0;
                    for (int j = i + CONTENT_LENGTH.length; j < headLength && head[j] != '\r'; j++) {
                        if (head[j] >= '0' && head[j] <= '9') v = v * 10 + (head[j] - '0');
                    }
                    length = v;
                }
            }
            if (length < 0) throw new IOException("response without Content-Length (chunked replies are not supported)");
            bodyLeft = length;
        }

        private boolean startsWith(int at) {
            if (at + CONTENT_LENGTH.length > headLength) return false;
            for (int k = 0; k < CONTENT_LENGTH.length; k++) {
                if ((head[at + k] | 0x20) != (CONTENT_LENGTH[k] | 0x20)) return false;
            }
            return true;
        }
    }
}
