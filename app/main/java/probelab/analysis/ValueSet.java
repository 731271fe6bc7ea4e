package probelab.analysis;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The ok values of one group, sorted ascending, with the dimensions it was grouped by. {@code size} is "" when
 * sizes were pooled; {@code workloadLines} is the size of the generated project in lines (0 when none was built).
 */
public record ValueSet(String runtime, String go, String size, String metric, String variant, long workloadLines,
                       double[] sorted) {
    public ValueSet {
        if (sorted.length == 0) throw new IllegalArgumentException("a value set needs at least one value");
    }

    /**
     * The key a baseline row must share with this row: everything but the runtime, and of the variant only its
     * phase ("cold" of "cold/volume"), since cache modes differ between runtimes (a container's cold build with a
     * volume cache compares with a native cold build).
     */
    String comparableKey() {
        return go + '\u0000' + size + '\u0000' + metric + '\u0000' + phase(variant);
    }

    /** "cold/volume" -> "cold"; variants without a cache mode stay as they are. */
    public static String phase(String variant) {
        int slash = variant.indexOf('/');
        return slash < 0 ? variant : variant.substring(0, slash);
    }

    /**
     * Pools sets that share a key into one (merging their sorted values), keeping first-seen order. Used where a
     * chart shows fewer dimensions than the table, e.g. build time per size across Go versions.
     */
    public static List<ValueSet> pool(List<ValueSet> sets, Function<ValueSet, ValueSet> keyOf) {
        Map<String, ValueSet> keys = new LinkedHashMap<>();
        Map<String, List<ValueSet>> members = new LinkedHashMap<>();
        for (ValueSet s : sets) {
            ValueSet key = keyOf.apply(s);
            String k = key.runtime + '\u0000' + key.go + '\u0000' + key.size + '\u0000' + key.metric + '\u0000' + key.variant;
            keys.putIfAbsent(k, key);
            members.computeIfAbsent(k, x -> new ArrayList<>()).add(s);
        }
        List<ValueSet> out = new ArrayList<>();
        for (var e : members.entrySet()) {
            ValueSet key = keys.get(e.getKey());
            long lines = e.getValue().stream().mapToLong(ValueSet::workloadLines).max().orElse(0);
            out.add(new ValueSet(key.runtime, key.go, key.size, key.metric, key.variant, lines,
                    mergeSorted(e.getValue().stream().map(ValueSet::sorted).toList())));
        }
        return out;
    }

    /** Merges sorted arrays pairwise, each round a linear merge. */
    static double[] mergeSorted(List<double[]> parts) {
        List<double[]> round = new ArrayList<>(parts);
        while (round.size() > 1) {
            List<double[]> next = new ArrayList<>((round.size() + 1) / 2);
            for (int i = 0; i < round.size(); i += 2) {
                next.add(i + 1 < round.size() ? mergeTwo(round.get(i), round.get(i + 1)) : round.get(i));
            }
            round = next;
        }
        return round.get(0);
    }

    private static double[] mergeTwo(double[] a, double[] b) {
        double[] out = new double[a.length + b.length];
        int i = 0, j = 0, n = 0;
        while (i < a.length && j < b.length) out[n++] = a[i] <= b[j] ? a[i++] : b[j++];
        while (i < a.length) out[n++] = a[i++];
        while (j < b.length) out[n++] = b[j++];
        return out;
    }
}
