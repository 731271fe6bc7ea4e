package probelab.probe;

import probelab.catalog.HistogramCodec;

import org.HdrHistogram.Histogram;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * Closed-loop HTTP/1.1 keep-alive load over one connection: the next request goes out when the previous
 * reply has been read whole. A raw socket rather than an HTTP client library, because the client's own
 * overhead would be measured as the runtime's: this loop keeps within a few percent of wrk -t1 -c1.
 */
public final class HttpClosedLoop {
    /** Latencies are recorded in nanoseconds; 3 significant digits keep the error under 0.1%. */
    public static final int SIGNIFICANT_DIGITS = HistogramCodec.SIGNIFICANT_DIGITS;

    private HttpClosedLoop() {
    }

    /** One iteration's distribution and how many requests fit in how long. */
    public record Outcome(Histogram latencyNanos, long requests, long elapsedNanos) {
        public double throughputRps() {
            return requests * 1e9 / elapsedNanos;
        }
    }

    /** Sends GET requests to {@code target} for {@code durationMillis} and records each round trip. */
    public static Outcome run(URI target, long durationMillis) throws IOException {
        return run(target, durationMillis, Long.MAX_VALUE);
    }

    /**
     * Sends exactly {@code requests} GET requests (or fewer if {@code maxMillis} runs out first): the same work for
     * every runtime, however fast each answers.
     */
    public static Outcome requests(URI target, long requests, long maxMillis) throws IOException {
        return run(target, maxMillis, requests);
    }

    private static Outcome run(URI target, long durationMillis, long maxRequests) throws IOException {
        String host = target.getHost();
        int port = target.getPort() > 0 ? target.getPort() : 80;
        String path = target.getRawPath() == null || target.getRawPath().isEmpty() ? "/" : target.getRawPath();
        byte[] request = ("GET " + path + " HTTP/1.1\r\nHost: " + host + ":" + port + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        Histogram h = new Histogram(SIGNIFICANT_DIGITS);
        try (Socket s = new Socket()) {
            s.setTcpNoDelay(true);
            s.setSoTimeout(10_000);
            s.connect(new InetSocketAddress(host, port), 5_000);
            OutputStream out = s.getOutputStream();
            InputStream in = new BufferedInputStream(s.getInputStream(), 16 * 1024);
            long start = System.nanoTime();
            long deadline = start + durationMillis * 1_000_000L;
            long count = 0;
            long now = start;
            while (now < deadline && count < maxRequests) {
                long t0 = System.nanoTime();
                out.write(request);
                out.flush();
                int status = readResponse(in);
                now = System.nanoTime();
                if (status != 200) throw new IOException("server answered HTTP " + status + " to " + target);
                h.recordValue(now - t0);
                count++;
            }
            return new Outcome(h, count, now - start);
        }
    }

    /** One GET on a fresh connection; the HTTP status, or an exception when there is no answer. */
    public static int probeOnce(String host, int port, int timeoutMillis) throws IOException {
        try (Socket s = new Socket()) {
            s.setTcpNoDelay(true);
            s.setSoTimeout(timeoutMillis);
            s.connect(new InetSocketAddress(host, port), timeoutMillis);
            s.getOutputStream().write(("GET / HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            return readResponse(new BufferedInputStream(s.getInputStream()));
        }
    }

    private static final byte[] CONTENT_LENGTH = "content-length:".getBytes(StandardCharsets.US_ASCII);

    /**
     * Reads one response (status line, headers, Content-Length body) and returns its status code. Parses
     * bytes in place: allocating strings per header would add client time to every measured round trip.
     */
    static int readResponse(InputStream in) throws IOException {
        byte[] line = new byte[256];
        int n = readLine(in, line);
        if (n < 12 || line[0] != 'H' || line[4] != '/') {
            throw new IOException("not an HTTP response: " + new String(line, 0, n, StandardCharsets.US_ASCII));
        }
        int status = (line[9] - '0') * 100 + (line[10] - '0') * 10 + (line[11] - '0');
        long length = -1;
        while ((n = readLine(in, line)) > 0) {
            if (n > CONTENT_LENGTH.length && startsWithIgnoreCase(line, CONTENT_LENGTH)) {
                long v = 0;
                for (int i = CONTENT_LENGTH.length; i < n; i++) {
                    byte b = line[i];
                    if (b >= '0' && b <= '9') v = v * 10 + (b - '0');
                }
                length = v;
            }
        }
        if (length < 0) throw new IOException("response without Content-Length (chunked replies are not supported)");
        for (long left = length; left > 0; ) {
            long skipped = in.skip(left);
            if (skipped <= 0) {
                if (in.read() < 0) throw new IOException("connection closed mid-body");
                skipped = 1;
            }
            left -= skipped;
        }
        return status;
    }

    private static boolean startsWithIgnoreCase(byte[] line, byte[] lowerPrefix) {
        for (int i = 0; i < lowerPrefix.length; i++) {
            if ((line[i] | 0x20) != (lowerPrefix[i] | 0x20)) return false;
        }
        return true;
    }

    /** Reads up to CRLF into {@code buf} (truncating long lines) and returns the length without CRLF. */
    private static int readLine(InputStream in, byte[] buf) throws IOException {
        int n = 0;
        int c;
        while ((c = in.read()) != '\n') {
            if (c < 0) throw new IOException("connection closed before the response ended");
            if (c != '\r' && n < buf.length) buf[n++] = (byte) c;
        }
        return n;
    }
}
