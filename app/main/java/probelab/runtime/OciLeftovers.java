package probelab.runtime;

import com.fasterxml.jackson.databind.ObjectMapper;
import probelab.process.Exec;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Removes the labelled containers and volumes of one job, or of every job whose process is gone. */
final class OciLeftovers {
    private static final ObjectMapper LABELS_JSON = new ObjectMapper();
    private static final List<String> KINDS = List.of("containers", "volumes");

    private final OciCli cli;

    OciLeftovers(OciCli cli) {
        this.cli = cli;
    }

    /** With a job id: that job's containers and volumes. Without: those whose creating process is gone. */
    void remove(String jobId) {
        try {
            for (String kind : KINDS) {
                List<String> names = labelled(kind, jobId);
                if (jobId == null) names = abandoned(kind, names);
                if (names.isEmpty()) continue;
                List<String> rm = new ArrayList<>(kind.equals("volumes") ? List.of("volume", "rm", "-f") : List.of("rm", "-f"));
                rm.addAll(names);
                cli.run(rm, OciCli.TIMEOUT_MILLIS);
            }
        } catch (RuntimeFailure ignored) {
            // an engine that is down holds nothing we could remove now
        }
    }

    /** What {@code ps}/{@code volume ls} with the probelab label lists now: {@code what} is containers or volumes. */
    List<String> labelled(String what, String jobId) throws RuntimeFailure {
        String filter = OciLabels.filter(jobId);
        Exec.Result r = what.equals("volumes")
                ? cli.run(OciCli.TIMEOUT_MILLIS, "volume", "ls", "-q", "--filter", filter)
                : cli.run(OciCli.TIMEOUT_MILLIS, "ps", "-aq", "--filter", filter);
        if (!r.ok()) throw new RuntimeFailure("cannot list " + what + ": " + r.reason());
        return lines(r.stdout());
    }

    /**
     * Those of {@code names} whose owner label names no live process, or that have no owner label at all and are not
     * running. Everything probelab creates has an owner; a running container without one is a step of an image build,
     * which the engine made from a probelab image (inheriting its labels) and removes itself.
     */
    private List<String> abandoned(String kind, List<String> names) throws RuntimeFailure {
        if (names.isEmpty()) return names;
        boolean volumes = kind.equals("volumes");
        List<String> args = new ArrayList<>(volumes
                ? List.of("volume", "inspect", "--format", "{{json .Labels}}")
                : List.of("inspect", "--format", "{{.State.Running}} {{json .Config.Labels}}"));
        args.addAll(names);
        Exec.Result r = cli.run(args, OciCli.TIMEOUT_MILLIS);
        // one that vanished since it was listed fails inspect: none of the others is judged then, so wait for next time
        if (!r.ok()) return List.of();
        List<String> lines = lines(r.stdout());
        List<String> out = new ArrayList<>();
        for (int i = 0; i < names.size() && i < lines.size(); i++) {
            String line = lines.get(i);
            boolean running = !volumes && line.startsWith("true ");
            String labels = volumes ? line : line.substring(line.indexOf(' ') + 1);
            String owner;
            try {
                owner = LABELS_JSON.readTree(labels).path(OciLabels.OWNER_LABEL).asText("");
            } catch (IOException e) {
                owner = "";
            }
            if (owner.isEmpty() && running) continue;
            if (!OciLabels.ownerAlive(owner)) out.add(names.get(i));
        }
        return out;
    }

    private static List<String> lines(String text) {
        return text.lines().map(String::strip).filter(s -> !s.isEmpty()).toList();
    }
}
