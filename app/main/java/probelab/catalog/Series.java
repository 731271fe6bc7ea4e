package probelab.catalog;

/**
 * A series is what a report compares: a runtime, or a runtime in a scenario other than the default, named
 * "docker · cpus=0.5". Reports treat each series as they treat a runtime; these split the name again.
 */
public final class Series {
    /** Between a runtime and its scenario in a series' name. */
    public static final String SEPARATOR = " \u00b7 ";

    private Series() {
    }

    public static String of(String runtime, String scenario) {
        return scenario == null || scenario.equals(Scenario.DEFAULT.id()) ? runtime : runtime + SEPARATOR + scenario;
    }

    /** The runtime part of a series name ("docker · cpus=0.5" -> "docker"). */
    public static String runtimeOf(String series) {
        int i = series.indexOf(SEPARATOR);
        return i < 0 ? series : series.substring(0, i);
    }

    /** The scenario part of a series name, "default" when it has none. */
    public static String scenarioOf(String series) {
        int i = series.indexOf(SEPARATOR);
        return i < 0 ? Scenario.DEFAULT.id() : series.substring(i + SEPARATOR.length());
    }
}
