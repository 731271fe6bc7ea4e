package probelab.storage.claims;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import probelab.catalog.Metric;
import probelab.storage.db.Database;
import probelab.storage.db.Writes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The figures that published articles claim ({@code datasets/published-claims.csv}, schema in
 * {@code datasets/README.md}): read, validated, and loaded into the {@code published_claims} table, so reports can
 * show them next to measurements, marked as claims. Every row must name a known metric in its unit, and its value
 * must be the quoted figure converted to that unit: a typo in either shows up as an error with the line number.
 */
public final class PublishedClaims {
    public static final String FILE_NAME = "published-claims.csv";

    public static final List<String> COLUMNS = List.of("claim_id", "source_file", "section", "runtime", "go_version",
            "project_size_hint", "metric", "statistic", "variant", "qualifier", "value", "value_high", "unit",
            "original_value", "original_unit", "original_text", "stated_environment", "notes");

    /** Probelab's own metric names with their units (the catalog): a claim under one of these is comparable with measurements. */
    public static final Map<String, String> PROBELAB_METRICS = catalogUnits();

    /** Names for what the articles claim that probelab does not measure as such; documented in datasets/README.md. */
    public static final Map<String, String> OTHER_METRICS = ordered(
            "rtt_us", "us", "rtt_delta_us", "us", "icmp_rtt_us", "us", "tcp_connect_latency_us", "us",
            "request_latency_us", "us", "request_latency_delta_us", "us", "query_latency_us", "us",
            "pipeline_latency_us", "us", "delivery_latency_us", "us", "scheduling_latency_us", "us",
            "route_sync_latency_us", "us", "io_latency_us", "us", "io_latency_ratio", "ratio", "gc_pause_us", "us",
            "latency_change_pct", "percent", "cold_start_change_pct", "percent", "build_change_pct", "percent",
            "memory_change_pct", "percent", "throughput_change_pct", "percent", "throughput_decay_pct", "percent",
            "benchmark_time_change_pct", "percent", "throughput_ratio", "ratio",
            "benchmark_ns_per_op", "ns", "allocs_per_op", "count", "process_memory_bytes", "bytes",
            "server_vss_bytes", "bytes", "goroutine_memory_bytes", "bytes", "memory_fragmentation_pct", "percent",
            "startup_delay_ms", "ms", "image_build_ms", "ms", "image_build_share_pct", "percent",
            "throughput_per_s", "per_s", "io_ops_per_s", "per_s", "data_throughput_mb_per_s", "MB/s");

    /** Probelab's runtime ids; other runtimes (kubernetes, wsl1, unspecified, ...) are allowed and never match a cell. */
    public static final Set<String> PROBELAB_RUNTIMES = Set.copyOf(probelab.catalog.RuntimeName.claimable());

    public static final Set<String> STATISTICS = Set.of("mean", "median", "p50", "p90", "p95", "p99", "p99.999",
            "mean-of-p99", "max", "min", "stddev", "typical", "single", "unspecified");

    public static final Set<String> QUALIFIERS = Set.of("", "approx", "at_most", "at_least", "range");

    /** How a unit the article uses converts to the dataset's unit: {@code original_unit -> unit -> factor}. */
    static final Map<String, Map<String, Double>> CONVERSIONS = Map.ofEntries(
            Map.entry("ns", Map.of("ns", 1.0)),
            Map.entry("us", Map.of("us", 1.0, "ms", 0.001)),
            Map.entry("ms", Map.of("us", 1000.0, "ms", 1.0)),
            Map.entry("s", Map.of("us", 1e6, "ms", 1000.0)),
            // memory sizes in binary units, as Linux tools (top, free -m, docker stats) count them
            Map.entry("KB", Map.of("bytes", 1024.0)),
            Map.entry("MB", Map.of("bytes", 1024.0 * 1024)),
            Map.entry("MiB", Map.of("bytes", 1024.0 * 1024)),
            Map.entry("GB", Map.of("bytes", 1024.0 * 1024 * 1024)),
            Map.entry("req/s", Map.of("rps", 1.0, "per_s", 1.0)),
            Map.entry("QPS", Map.of("rps", 1.0)),
            Map.entry("TPS", Map.of("per_s", 1.0)),
            Map.entry("IOPS", Map.of("per_s", 1.0)),
            Map.entry("k msg/s", Map.of("per_s", 1000.0)),
            Map.entry("k rows/s", Map.of("per_s", 1000.0)),
            // data rates in decimal units
            Map.entry("MB/s", Map.of("MB/s", 1.0)),
            Map.entry("GB/s", Map.of("MB/s", 1000.0)),
            Map.entry("%", Map.of("percent", 1.0)),
            Map.entry("x", Map.of("ratio", 1.0)),
            Map.entry("count", Map.of("count", 1.0)));

    /** RFC 4180 as the file is written: comma, double quotes, quoted line breaks; no comment lines. */
    private static final CSVFormat CLAIMS_CSV = CSVFormat.RFC4180.builder().setIgnoreEmptyLines(true).get();

    private static final Pattern ID = Pattern.compile("c\\d{3}-\\d{3}");
    private static final Pattern TOKEN = Pattern.compile("[a-z0-9][a-z0-9.+-]*");
    private static final Pattern VARIANT = Pattern.compile("[a-z0-9][a-z0-9./+-]*");
    private static final Pattern GO = Pattern.compile("\\d+\\.\\d+(\\.\\d+)?");
    private static final Pattern FILE = Pattern.compile("[A-Za-z0-9_.-]+\\.txt");
    private static final Pattern MIN_SEC = Pattern.compile("(\\d+)m(\\d+)s");
    private static final Pattern NUMBER = Pattern.compile("\\d{1,3}(,\\d{3})+|\\d+(\\.\\d+)?");

    /** One figure an article claims, normalised; {@code valueHigh} is set for ranges only. */
    public record Claim(String claimId, String sourceFile, String section, String runtime, String goVersion,
                        String projectSizeHint, String metric, String statistic, String variant, String qualifier,
                        double value, Double valueHigh, String unit, String originalValue, String originalUnit,
                        String originalText, String statedEnvironment, String notes) {
        /** Whether probelab measures this metric, so the claim can sit next to a measured cell. */
        public boolean comparable() {
            return PROBELAB_METRICS.containsKey(metric) && PROBELAB_RUNTIMES.contains(runtime);
        }
    }

    private PublishedClaims() {
    }

    /** Reads and validates the CSV; throws IllegalArgumentException naming the line of the first problem. */
    public static List<Claim> read(Path csv) {
        String text;
        try {
            text = Files.readString(csv, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + csv, e);
        }
        return parse(text, csv.getFileName().toString());
    }

    /** Parses and validates CSV text; {@code name} appears in error messages. */
    public static List<Claim> parse(String text, String name) {
        List<Record> records = records(text, name);
        if (records.isEmpty() || !records.get(0).fields().equals(COLUMNS)) {
            throw new IllegalArgumentException(name + ": the header must be " + String.join(",", COLUMNS));
        }
        List<Claim> claims = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (Record r : records.subList(1, records.size())) {
            try {
                Claim c = claim(r.fields());
                if (!ids.add(c.claimId())) throw new IllegalArgumentException("duplicate claim_id " + c.claimId());
                claims.add(c);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(name + " line " + r.line() + ": " + e.getMessage(), e);
            }
        }
        return List.copyOf(claims);
    }

    private static Claim claim(List<String> f) {
        if (f.size() != COLUMNS.size()) {
            throw new IllegalArgumentException("expected " + COLUMNS.size() + " fields, found " + f.size());
        }
        String id = require(f, 0, ID);
        String sourceFile = require(f, 1, FILE);
        String section = nonBlank(f, 2);
        String runtime = require(f, 3, TOKEN);
        String go = f.get(4);
        if (!go.isEmpty() && !GO.matcher(go).matches()) throw new IllegalArgumentException("go_version '" + go + "' is not like 1.22 or 1.22.5");
        String size = f.get(5);
        if (!size.isEmpty() && !TOKEN.matcher(size).matches()) throw new IllegalArgumentException("project_size_hint '" + size + "' is not a lower-case token");
        String metric = nonBlank(f, 6);
        String unit = f.get(12);
        String expectedUnit = PROBELAB_METRICS.getOrDefault(metric, OTHER_METRICS.get(metric));
        if (expectedUnit == null) throw new IllegalArgumentException("unknown metric '" + metric + "' (see datasets/README.md)");
        if (!expectedUnit.equals(unit)) throw new IllegalArgumentException("metric " + metric + " is in " + expectedUnit + ", not '" + unit + "'");
        String statistic = f.get(7);
        if (!STATISTICS.contains(statistic)) throw new IllegalArgumentException("unknown statistic '" + statistic + "'; valid: " + STATISTICS);
        String variant = f.get(8);
        if (!variant.isEmpty() && !VARIANT.matcher(variant).matches()) throw new IllegalArgumentException("variant '" + variant + "' is not a lower-case path");
        String qualifier = f.get(9);
        if (!QUALIFIERS.contains(qualifier)) throw new IllegalArgumentException("unknown qualifier '" + qualifier + "'; valid: " + QUALIFIERS);
        double value = number(f.get(10), "value");
        Double high = f.get(11).isEmpty() ? null : number(f.get(11), "value_high");
        if (qualifier.equals("range") != (high != null)) throw new IllegalArgumentException("value_high is given exactly when qualifier is range");
        if (high != null && high <= value) throw new IllegalArgumentException("value_high must exceed value");
        String originalValue = nonBlank(f, 13);
        String originalUnit = nonBlank(f, 14);
        String originalText = nonBlank(f, 15);
        if (!originalText.contains(originalValue)) throw new IllegalArgumentException("original_value '" + originalValue + "' is not in original_text");
        checkConversion(originalValue, originalUnit, unit, value, high);
        return new Claim(id, sourceFile, section, runtime, go, size, metric, statistic, variant, qualifier, value, high,
                unit, originalValue, originalUnit, originalText, f.get(16), f.get(17));
    }

    /** The normalised value must be the quoted figure times the unit's factor (the sign says the direction). */
    private static void checkConversion(String originalValue, String originalUnit, String unit, double value, Double high) {
        Double factor = CONVERSIONS.getOrDefault(originalUnit, Map.of()).get(unit);
        if (factor == null) throw new IllegalArgumentException("no conversion from '" + originalUnit + "' to " + unit);
        List<Double> quoted = figures(originalValue);
        List<Double> normalised = new ArrayList<>();
        normalised.add(Math.abs(value));
        if (high != null) normalised.add(Math.abs(high));
        normalised.sort(null);
        List<Double> expected = new ArrayList<>(quoted.stream().map(q -> q * factor).toList());
        expected.sort(null);
        if (expected.size() != normalised.size()) {
            throw new IllegalArgumentException("original_value '" + originalValue + "' has " + expected.size()
                    + " figures but the row has " + normalised.size());
        }
        for (int i = 0; i < expected.size(); i++) {
            double e = expected.get(i), n = normalised.get(i);
            if (Math.abs(e - n) > 1e-9 * Math.max(1, Math.abs(e))) {
                throw new IllegalArgumentException("value " + n + " is not original_value '" + originalValue + "' "
                        + originalUnit + " in " + unit + " (" + e + ")");
            }
        }
    }

    /** The figures in an original value: {@code 2,148,321}, {@code 0.5–5} (a range), {@code 3m12s} (in seconds). */
    static List<Double> figures(String originalValue) {
        Matcher ms = MIN_SEC.matcher(originalValue);
        if (ms.matches()) return List.of(Double.parseDouble(ms.group(1)) * 60 + Double.parseDouble(ms.group(2)));
        String[] parts = originalValue.split("[–~-]");
        if (parts.length > 2) throw new IllegalArgumentException("original_value '" + originalValue + "' is not a figure or a range");
        List<Double> out = new ArrayList<>();
        for (String p : parts) {
            String s = p.strip();
            if (!NUMBER.matcher(s).matches()) throw new IllegalArgumentException("original_value '" + originalValue + "' is not a figure or a range");
            out.add(Double.parseDouble(s.replace(",", "")));
        }
        return out;
    }

    /** Replaces the table's rows with {@code claims} in one transaction; loading the same file twice changes nothing. */
    public static void replaceAll(Database db, List<Claim> claims) {
        Writes.inTransaction(db, "load published claims", conn -> {
            Writes.update(conn, "DELETE FROM published_claims");
            try (PreparedStatement ps = conn.prepareStatement("INSERT INTO published_claims ("
                    + String.join(", ", COLUMNS) + ") VALUES (" + "?, ".repeat(COLUMNS.size() - 1) + "?)")) {
                for (Claim c : claims) {
                    Object[] v = {c.claimId(), c.sourceFile(), c.section(), c.runtime(), emptyToNull(c.goVersion()),
                            emptyToNull(c.projectSizeHint()), c.metric(), c.statistic(), c.variant(),
                            emptyToNull(c.qualifier()), c.value(), c.valueHigh(), c.unit(), c.originalValue(),
                            c.originalUnit(), c.originalText(), emptyToNull(c.statedEnvironment()), emptyToNull(c.notes())};
                    for (int i = 0; i < v.length; i++) ps.setObject(i + 1, v[i]);
                    ps.addBatch();
                }
                return ps.executeBatch();
            }
        });
    }

    private static Object emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    private static String nonBlank(List<String> f, int i) {
        String v = f.get(i);
        if (v.isBlank()) throw new IllegalArgumentException(COLUMNS.get(i) + " is empty");
        return v;
    }

    private static String require(List<String> f, int i, Pattern p) {
        String v = f.get(i);
        if (!p.matcher(v).matches()) throw new IllegalArgumentException(COLUMNS.get(i) + " '" + v + "' is not valid");
        return v;
    }

    private static double number(String s, String column) {
        try {
            double d = Double.parseDouble(s);
            if (!Double.isFinite(d)) throw new NumberFormatException();
            return d;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(column + " '" + s + "' is not a number");
        }
    }

    private static Map<String, String> catalogUnits() {
        Map<String, String> m = new LinkedHashMap<>();
        for (Metric metric : Metric.all()) m.put(metric.id(), metric.unit().symbol());
        return java.util.Collections.unmodifiableMap(m);
    }

    private static Map<String, String> ordered(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) m.put(kv[i], kv[i + 1]);
        return java.util.Collections.unmodifiableMap(m);
    }

    /** One CSV record and the line it starts on. */
    record Record(int line, List<String> fields) {
    }

    /**
     * The records of RFC 4180 text (commons-csv), each with the line it starts on; a leading byte-order mark is
     * skipped and blank lines are not records. Malformed quoting is refused with the line of the record.
     */
    static List<Record> records(String text, String name) {
        String body = text.startsWith("\uFEFF") ? text.substring(1) : text;
        int[] lineStarts = lineStarts(body);
        List<Record> out = new ArrayList<>();
        long linesRead = 0;
        try (CSVParser parser = CSVParser.parse(body, CLAIMS_CSV)) {
            for (var it = parser.iterator(); it.hasNext(); linesRead = parser.getCurrentLineNumber()) {
                CSVRecord r = it.next();
                out.add(new Record(lineAt(body, lineStarts, (int) r.getCharacterPosition()), r.toList()));
            }
        } catch (UncheckedIOException | IOException e) {
            // the bad record starts on the first non-blank line after the last good one
            int line = (int) linesRead + 1;
            while (line < lineStarts.length && blank(body, lineStarts[line - 1])) line++;
            String cause = e instanceof UncheckedIOException u ? String.valueOf(u.getCause().getMessage()) : String.valueOf(e.getMessage());
            String why = cause.contains("EOF reached before encapsulated token finished") ? "a quoted field is not closed"
                    : "malformed CSV (" + cause + ")";
            throw new IllegalArgumentException(name + " line " + line + ": " + why, e);
        }
        return out;
    }

    /** The offsets at which lines start: 0, after each \n, and after each \r not followed by \n. */
    private static int[] lineStarts(String text) {
        List<Integer> starts = new ArrayList<>(List.of(0));
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n' || (c == '\r' && (i + 1 == text.length() || text.charAt(i + 1) != '\n'))) starts.add(i + 1);
        }
        return starts.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * The 1-based line of the record at {@code position}. commons-csv gives the position before any blank lines it
     * skipped, so those line breaks are stepped over first.
     */
    private static int lineAt(String text, int[] lineStarts, int position) {
        int p = position;
        while (p < text.length() && (text.charAt(p) == '\n' || text.charAt(p) == '\r')) p++;
        int i = java.util.Arrays.binarySearch(lineStarts, p);
        return i >= 0 ? i + 1 : -i - 1;
    }

    private static boolean blank(String text, int lineStart) {
        return lineStart >= text.length() || text.charAt(lineStart) == '\n' || text.charAt(lineStart) == '\r';
    }
}
