package probelab.runtime;

import probelab.process.Exec;
import probelab.toolchain.Toolchain;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The echo and Go images one engine needs per toolchain: imported from {@link OciImages} tarballs, or pulled. */
final class OciEngineImages {
    private static final long TIMEOUT_MILLIS = 15 * 60_000;

    private final OciCli cli;
    private final OciImages images;
    private final Map<String, Tags> prepared = new ConcurrentHashMap<>();

    /** The two images one toolchain needs on this engine. */
    /** {@code goTime}: the toolchain image has probes/gotime at {@link GoTime#IN_IMAGE}. */
    record Tags(String echoTag, String goTag, boolean goTime) {
    }

    OciEngineImages(OciCli cli, OciImages images) {
        this.cli = cli;
        this.images = images;
    }

    void prepare(Toolchain toolchain, Path serverBinary, String jobId) throws RuntimeFailure {
        OciImages.Rootfs echo = images.echo(toolchain, serverBinary);
        ensureImported(echo, jobId);
        String goTag;
        boolean goTime = false;
        if (cli.spec().toolchainImageSource() == OciRuntimeSpec.ToolchainImageSource.PULL) {
            goTag = OciImages.officialGoImage(toolchain);
            if (!exists(goTag)) {
                Exec.Result r = cli.run(TIMEOUT_MILLIS, "pull", goTag);
                if (!r.ok()) {
                    throw new RuntimeFailure("cannot pull " + goTag + " (toolchainImageSource is pull; set it to local "
                            + "to build the image from this machine's GOROOT): " + r.reason());
                }
            }
        } else {
            OciImages.Rootfs go = images.toolchain(toolchain);
            ensureImported(go, jobId);
            goTag = go.tag();
            goTime = go.goTime();
        }
        prepared.put(toolchain.version(), new Tags(echo.tag(), goTag, goTime));
    }

    /** The tags {@link #prepare} left for this toolchain; servers and builds need it to have run. */
    Tags of(Toolchain toolchain) throws RuntimeFailure {
        Tags t = prepared.get(toolchain.version());
        if (t == null) throw new RuntimeFailure(cli.spec().id() + " was not prepared for go " + toolchain.version());
        return t;
    }

    private boolean exists(String tag) throws RuntimeFailure {
        return cli.run(OciCli.TIMEOUT_MILLIS, "image", "inspect", "--format", "{{.Id}}", tag).ok();
    }

    /** Imports the tarball unless an image with this tag (a hash of its content) is already there. */
    private void ensureImported(OciImages.Rootfs rootfs, String jobId) throws RuntimeFailure {
        if (exists(rootfs.tag())) return;
        List<String> args = new ArrayList<>(List.of("import"));
        for (String change : rootfs.changes()) args.addAll(List.of("--change", change));
        args.addAll(OciLabels.imageChanges(jobId));
        args.addAll(List.of(rootfs.tarball().toString(), rootfs.tag()));
        Exec.Result r = cli.run(args, TIMEOUT_MILLIS);
        if (!r.ok()) throw new RuntimeFailure("cannot import image " + rootfs.tag() + " into " + cli.spec().id() + ": " + r.reason());
    }
}
