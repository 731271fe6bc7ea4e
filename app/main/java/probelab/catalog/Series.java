package probelab.catalog;

/**
 * A series is what a report compares: a runtime, on a machine other than the view's reference machine and in a
 * scenario other than the default, named "docker @ ci-runner-1 · cpus=0.5" (either part may be absent: "docker",
 * "docker @ ci-runner-1", "docker · cpus=0.5"). Reports treat each series as they treat a runtime; this is the one
 * place that builds such a name (in Java, and as the SQL expression the report's reads use) and splits it again.
 * Machine names hold no spaces and scenario ids no " @ ", so the split is unambiguous.
 */
public final class Series {
    /** Between a runtime (and machine) and its scenario in a series' name. */
    public static final String SEPARATOR = " \u00b7 ";
    /** Between a runtime and the machine it ran on. */
    public static final String MACHINE_SEPARATOR = " @ ";

    private Series() {
    }

    /** {@code machine} null or empty: the view's reference machine, left out of the name. */
    public static String of(String runtime, String machine, String scenario) {
        String name = machine == null || machine.isEmpty() ? runtime : runtime + MACHINE_SEPARATOR + machine;
        return scenario == null || scenario.equals(Scenario.DEFAULT.id()) ? name : name + SEPARATOR + scenario;
    }

    /**
     * The same name as a DuckDB expression over three column expressions; {@code machineSql} is NULL for the
     * reference machine. The separators are constants, so nothing user-supplied is spliced into the SQL.
     */
    public static String sql(String runtimeSql, String machineSql, String scenarioSql) {
        return runtimeSql + " || coalesce('" + MACHINE_SEPARATOR + "' || " + machineSql + ", '') || CASE WHEN "
                + scenarioSql + " = '" + Scenario.DEFAULT.id() + "' THEN '' ELSE '" + SEPARATOR + "' || " + scenarioSql + " END";
    }

    /** The runtime part of a series name ("docker @ ci-1 · cpus=0.5" -> "docker"). */
    public static String runtimeOf(String series) {
        int end = series.length();
        int m = series.indexOf(MACHINE_SEPARATOR);
        int s = series.indexOf(SEPARATOR);
        if (m >= 0) end = m;
        if (s >= 0 && s < end) end = s;
        return series.substring(0, end);
    }

    /** The machine part of a series name, null when it has none (the view's reference machine). */
    public static String machineOf(String series) {
        int m = series.indexOf(MACHINE_SEPARATOR);
        if (m < 0) return null;
        int s = series.indexOf(SEPARATOR, m);
        return series.substring(m + MACHINE_SEPARATOR.length(), s < 0 ? series.length() : s);
    }

    /** The scenario part of a series name, "default" when it has none. */
    public static String scenarioOf(String series) {
        int i = series.indexOf(SEPARATOR);
        return i < 0 ? Scenario.DEFAULT.id() : series.substring(i + SEPARATOR.length());
    }

    /** True for a bare runtime id: no machine and no scenario part. */
    public static boolean isPlainRuntime(String series) {
        return !series.contains(SEPARATOR) && !series.contains(MACHINE_SEPARATOR);
    }
}
