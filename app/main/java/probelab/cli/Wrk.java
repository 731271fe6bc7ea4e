package probelab.cli;

import probelab.process.Exec;

import java.net.URI;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** wrk, the independent load generator the probe's loads are checked against, and its figures. */
final class Wrk {
    private Wrk() {
    }

    /** wrk's latency percentiles (service time: wrk is a closed loop) and its throughput. */
    record Result(double p50Micros, double p99Micros, double meanMicros, double rps) {
    }

    static Result run(URI url, int threads, int connections, int seconds) {
        var r = Exec.run(List.of("wrk", "-t" + threads, "-c" + connections, "-d" + seconds + "s", "--latency", url.toString()),
                seconds * 1000L + 30_000);
        if (!r.ok()) throw new IllegalStateException("wrk failed (install it with ./probelab setup): " + r.reason());
        Matcher rps = Pattern.compile("Requests/sec:\\s+([0-9.]+)").matcher(r.stdout());
        if (!rps.find()) throw new IllegalStateException("cannot read wrk output: " + r.stdout());
        return new Result(micros(r.stdout(), "50%"), micros(r.stdout(), "99%"), micros(r.stdout(), "Latency"),
                Double.parseDouble(rps.group(1)));
    }

    /** The first time after {@code label} ("50%", or "Latency" for the mean of the thread stats line). */
    private static double micros(String out, String label) {
        Matcher m = Pattern.compile("\\s" + Pattern.quote(label) + "\\s+([0-9.]+)(us|ms|s)").matcher(out);
        if (!m.find()) throw new IllegalStateException("no " + label + " in wrk output: " + out);
        double v = Double.parseDouble(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> v * 1e3;
            case "s" -> v * 1e6;
            default -> v;
        };
    }
}
