package probelab.probe;

import probelab.catalog.DevLoopWay;
import probelab.catalog.Scenario;

import java.util.List;

/**
 * In which conditions each cell is measured: the scenarios its server runs in, the build cache modes its builds
 * use (null: every mode each runtime has; a runtime with none of the named modes uses its first), and the ways its
 * development loop runs. Scenarios and ways are checked against the catalog when the conditions are made; cache
 * modes, which depend on this machine's runtimes, when the job is planned ({@link Catalogs#plan}).
 */
public record Conditions(List<Scenario> scenarios, List<String> cacheModes, List<DevLoopWay> devLoopWays) {
    /** The default scenario, every cache mode and the default dev loop ways. */
    public static final Conditions DEFAULT = new Conditions(List.of(Scenario.DEFAULT), null, DevLoopWay.DEFAULTS);

    public Conditions {
        if (devLoopWays.isEmpty()) throw new InvalidRequestException("dev loop ways must be left out (the default) or name at least one way");
        devLoopWays = List.copyOf(devLoopWays.stream().distinct().toList());
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
        return of(scenarios, cacheModes, null);
    }

    /** {@link #of(List, List)} with dev loop ways: left out, the default ways ({@link DevLoopWay#DEFAULTS}). */
    public static Conditions of(List<String> scenarios, List<String> cacheModes, List<String> devLoopWays) {
        List<String> ids = Selection.names(scenarios), modes = Selection.names(cacheModes), ways = Selection.names(devLoopWays);
        return new Conditions(ids.isEmpty() ? List.of(Scenario.DEFAULT) : ids.stream().map(Scenario::parse).toList(),
                modes.isEmpty() ? null : modes, ways.isEmpty() ? DevLoopWay.DEFAULTS : ways.stream().map(DevLoopWay::parse).toList());
    }

    public List<String> devLoopWayIds() {
        return devLoopWays.stream().map(DevLoopWay::id).toList();
    }

    public List<String> scenarioIds() {
        return scenarios.stream().map(Scenario::id).toList();
    }
}
