package probelab.probe;

import probelab.catalog.Scenario;

import java.util.List;

/**
 * In which conditions each cell is measured: the scenarios its server runs in, and the build cache modes its builds
 * use (null: every mode each runtime has; a runtime with none of the named modes uses its first). Scenarios are
 * checked against the catalog when the conditions are made; cache modes, which depend on this machine's runtimes,
 * when the job is planned ({@link Catalogs#plan}).
 */
public record Conditions(List<Scenario> scenarios, List<String> cacheModes) {
    /** The default scenario and every cache mode. */
    public static final Conditions DEFAULT = new Conditions(List.of(Scenario.DEFAULT), null);

    public Conditions {
        if (scenarios.isEmpty()) throw new InvalidRequestException("scenarios must name at least one scenario");
        scenarios = List.copyOf(scenarios.stream().distinct().toList());
        if (cacheModes != null && (cacheModes.isEmpty() || cacheModes.stream().anyMatch(String::isBlank))) {
            throw new InvalidRequestException("cache modes must be left out (every mode) or name at least one mode");
        }
        cacheModes = cacheModes == null ? null : List.copyOf(cacheModes);
    }

    /**
     * Conditions as a person asks for them: scenarios left out (null, or only blanks) are the default scenario, cache
     * modes left out are every mode. An unknown scenario is refused with the valid ones.
     */
    public static Conditions of(List<String> scenarios, List<String> cacheModes) {
        List<String> ids = Selection.names(scenarios), modes = Selection.names(cacheModes);
        return new Conditions(ids.isEmpty() ? List.of(Scenario.DEFAULT) : ids.stream().map(Scenario::parse).toList(),
                modes.isEmpty() ? null : modes);
    }

    public List<String> scenarioIds() {
        return scenarios.stream().map(Scenario::id).toList();
    }
}
