package probelab.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import probelab.process.Exec;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The engine's own container events ({@code docker events} / {@code podman events}, nanosecond wall-clock times)
 * for the containers carrying one label, from a stream opened BEFORE the measured run and read after it: the
 * phases of a start then cost no CLI call inside the measured interval. {@code --since} makes the engine replay
 * what it emitted before the stream subscribed, so no event is lost to a slow subscription.
 */
final class OciEventStream implements AutoCloseable {
    /**
     * The events CLI spends ~50-65 ms of CPU starting and subscribing; on a 2-core machine that would compete with
     * the measured start, so the run is issued only after this much quiet. (--since, not this wait, is what makes
     * the stream complete.)
     */
    static final long SETTLE_MILLIS = 250;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final Map<String, Long> firstEpochNanos = new ConcurrentHashMap<>();
    private final Thread reader;
    private final OciCli cli;
    private final List<String> args;

    private OciEventStream(OciCli cli, List<String> args) throws RuntimeFailure {
        this.cli = cli;
        this.args = args;
        this.process = cli.spawn(args);
        this.reader = new Thread(this::readLines, "oci-events-" + process.pid());
        reader.setDaemon(true);
        reader.start();
    }

    /** Opens the stream of container events labelled {@code label=value}, replaying from one second ago. */
    static OciEventStream open(OciCli cli, String label, String value) throws RuntimeFailure {
        Instant since = Instant.now().minusSeconds(1);
        String sinceArg = since.getEpochSecond() + "." + String.format("%09d", since.getNano());
        List<String> args = cli.spec().engine() == OciRuntimeSpec.Engine.PODMAN
                ? List.of("events", "--since", sinceArg, "--filter", "label=" + label + "=" + value, "--format", "json")
                : List.of("events", "--since", sinceArg, "--filter", "type=container", "--filter",
                "label=" + label + "=" + value, "--format", "{{json .}}");
        return new OciEventStream(cli, args);
    }

    private void readLines() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                parse(line).ifPresent(e -> firstEpochNanos.putIfAbsent(e.action(), e.epochNanos()));
                synchronized (this) {
                    notifyAll();
                }
            }
        } catch (IOException ignored) {
            // the stream was closed: what was read so far is all there is
        }
    }

    /** One event: what happened ({@code create}, {@code start}, ...) and when, in nanoseconds since the epoch. */
    record Event(String action, long epochNanos) {
    }

    /** Parses one line of either engine's JSON events; empty for lines that are not container events. */
    static java.util.Optional<Event> parse(String line) {
        try {
            JsonNode n = JSON.readTree(line);
            if (n.hasNonNull("timeNano")) { // docker: {"Action":"create","timeNano":1733...}
                String action = n.path("Action").asText(n.path("status").asText(""));
                return action.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(new Event(action, n.get("timeNano").asLong()));
            }
            if (n.hasNonNull("Time") && n.hasNonNull("Status")) { // podman: {"Status":"create","Time":"2026-...Z"}
                Instant t = Instant.parse(n.get("Time").asText());
                return java.util.Optional.of(new Event(n.get("Status").asText(), t.getEpochSecond() * 1_000_000_000L + t.getNano()));
            }
        } catch (IOException | DateTimeParseException e) {
            // a line of another shape (a warning on stdout): not an event
        }
        return java.util.Optional.empty();
    }

    /**
     * The first time of each of {@code actions}, waiting at most {@code timeoutMillis} for all of them; the map
     * holds those that arrived.
     */
    synchronized Map<String, Long> await(Set<String> actions, long timeoutMillis) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        while (!firstEpochNanos.keySet().containsAll(actions)) {
            long left = deadline - System.nanoTime();
            if (left <= 0) break;
            if (!process.isAlive() && !reader.isAlive()) {
                // the stream ended early (rootless Podman's events file rotates under many events): ask once more,
                // without streaming, from the same --since (after the measured interval, so no call sits inside it)
                replay();
                break;
            }
            try {
                TimeUnit.NANOSECONDS.timedWait(this, Math.min(left, 50_000_000L));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return Map.copyOf(firstEpochNanos);
    }

    private void replay() {
        List<String> once = new java.util.ArrayList<>(args);
        if (cli.spec().engine() == OciRuntimeSpec.Engine.PODMAN) once.add("--stream=false");
        else once.addAll(List.of("--until", Long.toString(Instant.now().getEpochSecond() + 1)));
        try {
            Exec.Result r = cli.run(OciCli.TIMEOUT_MILLIS, once.toArray(String[]::new));
            if (r.ok()) r.stdout().lines().forEach(l -> parse(l).ifPresent(e -> firstEpochNanos.putIfAbsent(e.action(), e.epochNanos())));
        } catch (RuntimeFailure e) {
            // what the stream read is all there is
        }
    }

    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(2, TimeUnit.SECONDS)) process.destroyForcibly();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
