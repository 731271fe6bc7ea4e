package probelab.runtime;

import probelab.process.Exec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** How one runtime's CLI is called: its wrapper, run-as user, environment and global arguments, {uid} filled in. */
final class OciCli {
    /** Enough for any call that does not pull, import or build (those pass their own limit). */
    static final long TIMEOUT_MILLIS = 60_000;
    private static final long ID_TIMEOUT_MILLIS = 5_000;

    private final OciRuntimeSpec spec;
    private final Path scratchDir;
    private volatile Integer resolvedUid;

    OciCli(OciRuntimeSpec spec, Path scratchDir) {
        this.spec = spec;
        this.scratchDir = scratchDir;
    }

    OciRuntimeSpec spec() {
        return spec;
    }

    /** Where bind-mounted caches go (var/scratch); its parent is var/. */
    Path scratchDir() {
        return scratchDir;
    }

    /** True when the CLI runs as another user than this process (rootless engines). */
    boolean viaRunuser() {
        return spec.runAsUser() != null && !spec.runAsUser().equals(System.getProperty("user.name"));
    }

    /** The uid whose engine this is: the run-as user's, or this process's. */
    int uid() throws RuntimeFailure {
        Integer u = resolvedUid;
        if (u != null) return u;
        if (spec.runAsUser() == null) {
            u = ProcFs.status(ProcessHandle.current().pid()).map(ProcFs.ProcStatus::uid).orElse(-1);
        } else {
            Exec.Result r = Exec.run(List.of("id", "-u", spec.runAsUser()), ID_TIMEOUT_MILLIS);
            if (!r.ok()) throw new RuntimeFailure("user '" + spec.runAsUser() + "' does not exist (./probelab setup creates it)");
            u = Integer.parseInt(r.stdout().strip());
        }
        resolvedUid = u;
        return u;
    }

    private String substitute(String s) throws RuntimeFailure {
        return s.contains("{uid}") ? s.replace("{uid}", Integer.toString(uid())) : s;
    }

    private Map<String, String> resolvedEnv() throws RuntimeFailure {
        Map<String, String> env = new LinkedHashMap<>();
        for (var e : new TreeMap<>(spec.env()).entrySet()) env.put(e.getKey(), substitute(e.getValue()));
        return env;
    }

    /** The full argument list for {@code cli args...}: wrapper, runuser and env when needed, global args. */
    List<String> command(List<String> args) throws RuntimeFailure {
        return command(args, Map.of());
    }

    /** {@link #command(List)} with {@code extraEnv} on top of the spec's (passed through env(1) when run as another user). */
    List<String> command(List<String> args, Map<String, String> extraEnv) throws RuntimeFailure {
        List<String> cmd = new ArrayList<>(spec.wrapper());
        if (viaRunuser()) {
            // runuser keeps our environment but not variables we set for the child, so they go through env(1)
            cmd.addAll(List.of("runuser", "-u", spec.runAsUser(), "--", "env"));
            resolvedEnv().forEach((k, v) -> cmd.add(k + "=" + v));
            extraEnv.forEach((k, v) -> cmd.add(k + "=" + v));
        }
        cmd.add(spec.cli());
        for (String g : spec.effectiveGlobalArgs()) cmd.add(substitute(g));
        cmd.addAll(withOciRuntime(args));
        return cmd;
    }

    /**
     * {@code args} with {@code --runtime NAME} after the subcommand when the spec names an OCI runtime and the subcommand
     * starts containers: run and create, and podman's build, whose RUN steps Buildah starts with it (docker's builder
     * always uses the engine's default, which is why image builds are not measured there).
     */
    private List<String> withOciRuntime(List<String> args) {
        if (spec.ociRuntime() == null || args.isEmpty()) return args;
        String sub = args.get(0);
        boolean starts = sub.equals("run") || sub.equals("create")
                || (sub.equals("build") && spec.engine() == OciRuntimeSpec.Engine.PODMAN);
        if (!starts) return args;
        List<String> out = new ArrayList<>(args.size() + 2);
        out.add(sub);
        out.add("--runtime");
        out.add(spec.ociRuntime());
        out.addAll(args.subList(1, args.size()));
        return out;
    }

    Exec.Result run(long timeoutMillis, String... args) throws RuntimeFailure {
        return run(List.of(args), timeoutMillis);
    }

    Exec.Result run(List<String> args, long timeoutMillis) throws RuntimeFailure {
        return Exec.run(command(args), workingDir(), environment(), timeoutMillis);
    }

    /** The variables {@link #command} needs set for it (none when runuser passes them through env(1)). */
    Map<String, String> environment() throws RuntimeFailure {
        return viaRunuser() ? Map.of() : resolvedEnv();
    }

    /** The variables {@link #command(List, Map)} needs set for it, {@code extraEnv} included. */
    Map<String, String> environment(Map<String, String> extraEnv) throws RuntimeFailure {
        if (viaRunuser()) return Map.of();
        Map<String, String> env = new LinkedHashMap<>(resolvedEnv());
        env.putAll(extraEnv);
        return env;
    }

    /**
     * Runs {@code cli args...} with {@code extraEnv}, every output line stamped as it arrives: one process, so the
     * caller can time exactly the command a user types.
     */
    Exec.TimedResult runTimed(List<String> args, Map<String, String> extraEnv, long timeoutMillis) throws RuntimeFailure {
        return Exec.runTimed(command(args, extraEnv), workingDir(), environment(extraEnv), timeoutMillis);
    }

    /** A directory every user can enter: a rootless CLI started from root's cwd may fail to chdir back (null: ours). */
    Path workingDir() {
        return Files.isDirectory(scratchDir.getParent()) ? scratchDir.getParent() : null;
    }

    /**
     * Starts {@code cli args...} without waiting (a long-lived stream such as {@code events}); stderr is discarded,
     * stdout is the caller's to read, and the caller ends the process.
     */
    Process spawn(List<String> args) throws RuntimeFailure {
        ProcessBuilder pb = new ProcessBuilder(command(args));
        if (!viaRunuser()) pb.environment().putAll(resolvedEnv());
        if (Files.isDirectory(scratchDir.getParent())) pb.directory(scratchDir.getParent().toFile());
        pb.redirectError(ProcessBuilder.Redirect.DISCARD);
        try {
            Process p = pb.start();
            p.getOutputStream().close();
            return p;
        } catch (java.io.IOException e) {
            throw new RuntimeFailure("cannot start " + String.join(" ", command(args)) + ": " + e.getMessage(), e);
        }
    }

    /** How the CLI is reached, for messages: the command prefix, or the CLI and user when that cannot be resolved. */
    String describe() {
        try {
            return String.join(" ", command(List.of()));
        } catch (RuntimeFailure e) {
            return spec.cli() + " as user " + spec.runAsUser();
        }
    }
}
