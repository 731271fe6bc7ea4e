package probelab.runtime;

import probelab.process.Exec;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * The images one kind of probelab work labels with its job (image builds, placed source trees): listing them and
 * removing those of a job, or with no job those whose creating process is gone.
 */
final class OciLabelledImages {
    private final OciCli cli;
    private final String label;
    private final boolean intermediate;
    private final int removePasses;

    /**
     * @param intermediate list intermediate images too ({@code images -a}): a build's layers carry its labels
     * @param removePasses how often to list and remove: an intermediate image cannot go while a child of it is there
     */
    OciLabelledImages(OciCli cli, String label, boolean intermediate, int removePasses) {
        this.cli = cli;
        this.label = label;
        this.intermediate = intermediate;
        this.removePasses = removePasses;
    }

    /** Removes the images of {@code jobId}, or with null those whose creating process is gone. */
    void remove(String jobId) {
        try {
            for (int pass = 0; pass < removePasses; pass++) {
                List<String> ids = list(jobId);
                if (jobId == null) ids = abandoned(ids);
                if (ids.isEmpty()) return;
                List<String> rm = new ArrayList<>(List.of("image", "rm", "-f"));
                rm.addAll(ids);
                cli.run(rm, OciCli.TIMEOUT_MILLIS);
            }
        } catch (RuntimeFailure ignored) {
            // an engine that is down holds nothing we could remove now
        }
    }

    /** Ids of the images labelled for {@code jobId}, or for any job when null. */
    List<String> list(String jobId) throws RuntimeFailure {
        String filter = "label=" + label + (jobId == null ? "" : "=" + jobId);
        List<String> args = new ArrayList<>(List.of("images"));
        if (intermediate) args.add("-a");
        args.addAll(List.of("-q", "--no-trunc", "--filter", filter));
        Exec.Result r = cli.run(args, OciCli.TIMEOUT_MILLIS);
        if (!r.ok()) throw new RuntimeFailure("cannot list images: " + r.reason());
        return List.copyOf(new LinkedHashSet<>(r.stdout().lines().map(String::strip).filter(s -> !s.isEmpty()).toList()));
    }

    private List<String> abandoned(List<String> ids) throws RuntimeFailure {
        List<String> out = new ArrayList<>();
        for (String id : ids) {
            Exec.Result r = cli.run(OciCli.TIMEOUT_MILLIS, "image", "inspect", "--format",
                    "{{index .Config.Labels \"" + OciLabels.OWNER_LABEL + "\"}}", id);
            // one removed since it was listed (with its child) fails inspect: nothing to judge
            if (r.ok() && !OciLabels.ownerAlive(r.stdout().strip())) out.add(id);
        }
        return out;
    }
}
