package probelab.probe;

import probelab.catalog.MetricFamily;
import probelab.workload.ProjectSize;

import java.net.URI;
import java.util.List;

/**
 * What a job measures: runtimes x Go versions x project sizes, for some metric families; or, with a {@code target},
 * the RTT of a server someone already runs at that URL (then the lists are empty). Sizes and families are checked
 * against the catalog when the selection is made; runtime ids and Go versions, which only this machine can check,
 * when the job is planned ({@link Catalogs#plan}).
 */
public record Selection(List<String> runtimes, List<String> goVersions, List<ProjectSize> sizes,
                        List<MetricFamily> families, URI target) {
    public static final String DEFAULT_RUNTIME = "native";
    public static final String DEFAULT_SIZE = "tiny";

    public Selection {
        runtimes = List.copyOf(runtimes);
        goVersions = List.copyOf(goVersions);
        sizes = List.copyOf(sizes);
        families = List.copyOf(families);
        if (target != null) {
            if (!"http".equals(target.getScheme()) || target.getHost() == null) {
                throw new InvalidRequestException("the target must be an http:// URL with a host, got " + target);
            }
            if (!runtimes.isEmpty() || !goVersions.isEmpty() || !sizes.isEmpty() || !families.isEmpty()) {
                throw new InvalidRequestException("a target job measures the RTT of " + target
                        + " alone: it names no runtimes, Go versions, sizes or metric families");
            }
        } else if (runtimes.isEmpty() || goVersions.isEmpty() || sizes.isEmpty() || families.isEmpty()) {
            throw new InvalidRequestException("runtimes, go versions, sizes and metrics must not be empty");
        }
    }

    /**
     * A selection as a person asks for it: a list left out (null, or only blanks) takes its default: runtime
     * {@value #DEFAULT_RUNTIME}, Go {@code newestGo} (null: none, the versions must be named), size {@value #DEFAULT_SIZE}, every metric family but image builds.
     * An unknown size or family is refused with the valid ones.
     */
    public static Selection of(List<String> runtimes, List<String> goVersions, List<String> sizes, List<String> metrics,
                               String newestGo) {
        return new Selection(orDefault(names(runtimes), List.of(DEFAULT_RUNTIME)), orDefault(names(goVersions), newestGo == null ? List.of() : List.of(newestGo)),
                orDefault(names(sizes), List.of(DEFAULT_SIZE)).stream().map(ProjectSize::parse).distinct().toList(),
                orDefault(names(metrics), MetricFamily.defaultIds()).stream().map(MetricFamily::parse).distinct().toList(),
                null);
    }

    /** The RTT of the server at {@code url}, which probelab neither builds nor starts. */
    public static Selection target(URI url) {
        return new Selection(List.of(), List.of(), List.of(), List.of(), url);
    }

    public List<String> sizeIds() {
        return sizes.stream().map(ProjectSize::id).toList();
    }

    public List<String> metricIds() {
        return families.stream().map(MetricFamily::id).toList();
    }

    /** Names as typed: null and blank ones dropped, the rest stripped; empty when nothing is left. */
    static List<String> names(List<String> typed) {
        if (typed == null) return List.of();
        return typed.stream().filter(x -> x != null && !x.isBlank()).map(String::strip).toList();
    }

    private static List<String> orDefault(List<String> names, List<String> otherwise) {
        return names.isEmpty() ? otherwise : names;
    }
}
