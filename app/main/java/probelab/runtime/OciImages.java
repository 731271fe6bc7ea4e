package probelab.runtime;

import probelab.process.Exec;
import probelab.process.FileTrees;
import probelab.toolchain.Toolchain;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Makes the root filesystems of probelab's images without a registry: the echo server alone (FROM scratch), and a
 * Go toolchain copied from this machine's GOROOT. Each is one tarball under var/images, named by a hash of what
 * went in, shared by every engine (each imports it once), and world-readable so rootless engines can read it.
 */
public final class OciImages {
    /** Bump when the recipe (layout, env, entrypoint) changes, so every image gets a new tag. */
    static final String RECIPE = "7"; // 7: the importing job as probelab.imported-by, not probelab.job; 3: toolchain images carry probes/gotime; 4: without Go's own tests (pruneGoroot); 5: nor pkg/*/cmd; 6: nor src/cmd, pprof, trace, api
    static final String ECHO_REPO = "probelab/echo";
    static final String GO_REPO = "probelab/go";
    static final String GOROOT_IN_IMAGE = "/usr/local/go";
    /** The environment every toolchain image (and every build run) has: offline, this toolchain only, no cgo. */
    static final Map<String, String> GO_ENV = orderedMap(
            "PATH", GOROOT_IN_IMAGE + "/bin",
            "HOME", "/tmp",
            "CGO_ENABLED", "0",
            "GOTOOLCHAIN", "local",
            "GOPROXY", "off",
            "GOFLAGS", "-mod=mod");

    private final Path imagesDir;
    private final Map<String, String> hashCache = new HashMap<>();

    /** An image's root filesystem as a tarball, the tag it gets, and the config the import applies. */
    public record Rootfs(String tag, Path tarball, List<String> changes, boolean goTime) {
        public Rootfs(String tag, Path tarball, List<String> changes) {
            this(tag, tarball, changes, false);
        }
    }

    private final GoTime goTime;

    /** With {@code goTime}, toolchain images carry probes/gotime at {@link GoTime#IN_IMAGE} ({@link GoTime#NONE}: not). */
    public OciImages(Path imagesDir, GoTime goTime) {
        this.imagesDir = imagesDir;
        this.goTime = goTime;
    }

    public Path dir() {
        return imagesDir;
    }

    /** The echo server image: only the static binary, listening on :8080 inside the container. */
    public synchronized Rootfs echo(Toolchain toolchain, Path serverBinary) throws RuntimeFailure {
        String hash = hash("echo", serverBinary, () -> {
            MessageDigest md = sha256();
            md.update(("recipe " + RECIPE + "\n").getBytes(StandardCharsets.UTF_8));
            try (InputStream in = Files.newInputStream(serverBinary)) {
                byte[] buf = new byte[1 << 16];
                for (int n; (n = in.read(buf)) > 0; ) md.update(buf, 0, n);
            }
            return md;
        });
        String tag = ECHO_REPO + ":go" + toolchain.version() + "-" + hash;
        Path tar = imagesDir.resolve("echo-go" + toolchain.version() + "-" + hash + ".tar");
        List<String> changes = List.of("ENTRYPOINT [\"/echo\", \"-addr\", \":8080\"]", "EXPOSE 8080");
        if (!Files.exists(tar)) {
            buildTarball(tar, root -> {
                Path echo = root.resolve("echo");
                Files.copy(serverBinary, echo);
                Files.setPosixFilePermissions(echo, PosixFilePermissions.fromString("rwxr-xr-x"));
            });
        }
        return new Rootfs(tag, tar, changes);
    }

    /**
     * The Go toolchain image: {@code cp -rL GOROOT /usr/local/go} (Debian's GOROOT is full of symlinks), a
     * world-writable /tmp, and, when the go binary is dynamically linked (Debian's Go 1.19), the shared libraries
     * {@code ldd} names, so it runs in an image that has nothing else.
     */
    public synchronized Rootfs toolchain(Toolchain toolchain) throws RuntimeFailure {
        Path goroot = toolchain.goroot();
        // the helper is built first: its bytes are part of the image's hash, so a new helper means a new tag
        Path helper = goTime.enabled() ? goTime.binary(toolchain) : null;
        String hash = hash("go" + (helper == null ? "" : "+gotime"), goroot, () -> {
            MessageDigest md = sha256();
            md.update(("recipe " + RECIPE + "\nversion " + toolchain.versionString() + "\n").getBytes(StandardCharsets.UTF_8));
            if (helper != null) md.update(("gotime " + HexFormat.of().formatHex(sha256().digest(Files.readAllBytes(helper))) + "\n")
                    .getBytes(StandardCharsets.UTF_8));
            // a manifest (path, size, mtime) stands for the 250-500 MB of content: a package upgrade changes it
            TreeSet<String> manifest = new TreeSet<>();
            try (Stream<Path> walk = Files.walk(goroot, FileVisitOption.FOLLOW_LINKS)) {
                for (Path p : (Iterable<Path>) walk::iterator) {
                    if (!Files.isRegularFile(p)) continue;
                    manifest.add(goroot.relativize(p) + " " + Files.size(p) + " " + Files.getLastModifiedTime(p).toMillis());
                }
            }
            for (String line : manifest) md.update((line + "\n").getBytes(StandardCharsets.UTF_8));
            for (Path lib : sharedLibraries(goroot)) {
                md.update((lib + " " + Files.size(lib) + "\n").getBytes(StandardCharsets.UTF_8));
            }
            return md;
        });
        String tag = GO_REPO + ":" + toolchain.version() + "-" + hash;
        Path tar = imagesDir.resolve("go-" + toolchain.version() + "-" + hash + ".tar");
        List<String> changes = new ArrayList<>();
        GO_ENV.forEach((k, v) -> changes.add("ENV " + k + "=" + v));
        changes.add("WORKDIR /src");
        if (!Files.exists(tar)) {
            buildTarball(tar, root -> {
                Path target = root.resolve(GOROOT_IN_IMAGE.substring(1));
                Files.createDirectories(target.getParent());
                Exec.Result cp = Exec.run(List.of("cp", "-rL", goroot.toString(), target.toString()), 600_000);
                if (!cp.ok()) throw new IOException("cannot copy " + goroot + ": " + cp.reason());
                pruneGoroot(target);
                for (Path lib : sharedLibraries(goroot)) {
                    Path dest = root.resolve(lib.toString().substring(1));
                    Files.createDirectories(dest.getParent());
                    Files.copy(lib.toRealPath(), dest, StandardCopyOption.REPLACE_EXISTING);
                }
                Path tmp = root.resolve("tmp");
                Files.createDirectories(tmp);
                // 1777 like any /tmp; Java's permission API has no sticky bit
                Exec.Result chmod = Exec.run(List.of("chmod", "1777", tmp.toString()), 10_000);
                if (!chmod.ok()) throw new IOException("cannot chmod /tmp of the image: " + chmod.reason());
                Files.createDirectories(root.resolve("src"));
                if (helper != null) {
                    Path dest = root.resolve(GoTime.IN_IMAGE.substring(1));
                    Files.createDirectories(dest.getParent());
                    Files.copy(helper, dest);
                    Files.setPosixFilePermissions(dest, PosixFilePermissions.fromString("rwxr-xr-x"));
                }
            });
        }
        return new Rootfs(tag, tar, changes, helper != null);
    }

    /** The official image for machines that have a registry, e.g. {@code docker.io/library/golang:1.22.12}. */
    public static String officialGoImage(Toolchain toolchain) {
        // fully qualified: podman refuses short names without unqualified-search registries
        return "docker.io/library/golang:" + toolchain.version();
    }

    /**
     * Shared libraries the toolchain's executables need (absolute host paths, loader included); empty when all
     * are static, as Debian's Go 1.21+ are.
     */
    static List<Path> sharedLibraries(Path goroot) throws IOException {
        List<Path> executables = new ArrayList<>();
        for (Path dir : List.of(goroot.resolve("bin"), goroot.resolve("pkg").resolve("tool"))) {
            if (!Files.isDirectory(dir)) continue;
            try (Stream<Path> walk = Files.walk(dir, FileVisitOption.FOLLOW_LINKS)) {
                walk.filter(Files::isRegularFile).filter(Files::isExecutable).forEach(executables::add);
            }
        }
        TreeSet<String> libs = new TreeSet<>();
        for (Path exe : executables) {
            if (!isDynamicElf(exe)) continue;
            Exec.Result r = Exec.run(List.of("ldd", exe.toString()), 20_000);
            if (!r.ok()) throw new IOException("ldd " + exe + " failed: " + r.reason());
            for (String line : r.stdout().split("\n")) {
                String t = line.trim();
                int arrow = t.indexOf("=> ");
                String path = arrow >= 0 ? t.substring(arrow + 3) : t;
                int paren = path.indexOf(" (");
                if (paren >= 0) path = path.substring(0, paren);
                if (path.startsWith("/")) libs.add(path.trim());
            }
        }
        return libs.stream().map(Path::of).toList();
    }

    /** An ELF executable with a PT_INTERP program header, i.e. one that needs the dynamic loader. */
    static boolean isDynamicElf(Path file) throws IOException {
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(64);
        }
        if (head.length < 64 || head[0] != 0x7f || head[1] != 'E' || head[2] != 'L' || head[3] != 'F' || head[4] != 2) {
            return false; // not a 64-bit ELF: nothing ldd could help with
        }
        java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(head).order(head[5] == 1
                ? java.nio.ByteOrder.LITTLE_ENDIAN : java.nio.ByteOrder.BIG_ENDIAN);
        long phoff = b.getLong(32);
        int phentsize = Short.toUnsignedInt(b.getShort(54));
        int phnum = Short.toUnsignedInt(b.getShort(56));
        try (var ch = java.nio.channels.FileChannel.open(file)) {
            java.nio.ByteBuffer ph = java.nio.ByteBuffer.allocate(phentsize).order(b.order());
            for (int i = 0; i < phnum; i++) {
                ph.clear();
                ch.read(ph, phoff + (long) i * phentsize);
                if (ph.getInt(0) == 3) return true; // PT_INTERP
            }
        }
        return false;
    }

    private interface Filler {
        void fill(Path root) throws IOException;
    }

    private interface Digest {
        MessageDigest compute() throws IOException;
    }

    private String hash(String kind, Path input, Digest digest) throws RuntimeFailure {
        try {
            // the binary at a path is rebuilt when its source changes: remember hashes per (path, size, mtime)
            String key = kind + " " + input + " " + Files.size(input) + " " + Files.getLastModifiedTime(input).toMillis();
            String cached = hashCache.get(key);
            if (cached != null) return cached;
            String h = HexFormat.of().formatHex(digest.compute().digest()).substring(0, 12);
            hashCache.put(key, h);
            return h;
        } catch (IOException e) {
            throw new RuntimeFailure("cannot read " + input + " to build the " + kind + " image: " + e.getMessage(), e);
        }
    }

    /**
     * Leaves out of a toolchain image what only Go's own development uses: the test suite ({@code test/}), the API
     * files ({@code api/}), {@code misc/}, the standard library's tests ({@code src/**}{@code /testdata},
     * {@code *_test.go}) and old toolchains' archives of cmd/ ({@code pkg/<os_arch>/cmd}); a user's go build, go vet and
     * go test never read them; nor the toolchain's own source ({@code src/cmd}: user code cannot import cmd/, and the
     * tools a build runs are the binaries in {@code pkg/tool}) and the tools no build, vet or test runs (pprof, trace,
     * api: 23 MB). A third of the image again, which every engine imports once (Go 1.23: 198 MB, then 138).
     */
    static void pruneGoroot(Path goroot) throws IOException {
        for (String dir : List.of("test", "api", "misc")) FileTrees.deleteBestEffort(goroot.resolve(dir));
        // Go <= 1.19 ships compiled archives; Debian's also has those of the toolchain's own cmd/ packages (140 MB for
        // 1.19), which only a rebuild of the toolchain reads (user code cannot import cmd/) and Go's own release
        // tarballs leave out. The standard library's archives stay: they are what a 1.19 build starts from.
        Path pkg = goroot.resolve("pkg");
        if (Files.isDirectory(pkg)) {
            try (Stream<Path> archs = Files.list(pkg)) {
                for (Path arch : archs.filter(p -> Files.isDirectory(p.resolve("cmd")) && !p.getFileName().toString().equals("tool")).toList()) {
                    FileTrees.deleteBestEffort(arch.resolve("cmd"));
                }
            }
        }
        Path tools = goroot.resolve("pkg").resolve("tool");
        if (Files.isDirectory(tools)) {
            try (Stream<Path> archs = Files.list(tools)) {
                for (Path arch : archs.toList()) {
                    for (String tool : List.of("pprof", "trace", "api")) Files.deleteIfExists(arch.resolve(tool));
                }
            }
        }
        Path src = goroot.resolve("src");
        if (!Files.isDirectory(src)) return;
        FileTrees.deleteBestEffort(src.resolve("cmd"));
        List<Path> doomed = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(src)) {
            walk.filter(p -> Files.isDirectory(p) ? p.getFileName().toString().equals("testdata")
                    : p.getFileName().toString().endsWith("_test.go")).forEach(doomed::add);
        }
        // a testdata directory inside another is gone with its parent: deleting it again is harmless
        for (Path p : doomed) FileTrees.deleteBestEffort(p);
    }

    /** Fills a fresh root directory, tars it, and renames the tarball into place (so a killed run leaves no half tar). */
    private void buildTarball(Path tar, Filler filler) throws RuntimeFailure {
        Path work = null;
        try {
            Files.createDirectories(imagesDir);
            worldReadable(imagesDir);
            work = Files.createTempDirectory(imagesDir, ".build-");
            Path root = work.resolve("root");
            Files.createDirectories(root);
            filler.fill(root);
            Path part = work.resolve("rootfs.tar");
            // numeric owner 0: files in the image belong to root, whoever built it
            Exec.Result r = Exec.run(List.of("tar", "--numeric-owner", "--owner=0", "--group=0", "-C", root.toString(),
                    "-cf", part.toString(), "."), 600_000);
            if (!r.ok()) throw new IOException("tar failed: " + r.reason());
            Files.setPosixFilePermissions(part, PosixFilePermissions.fromString("rw-r--r--"));
            Files.move(part, tar, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new RuntimeFailure("cannot make the image filesystem " + tar.getFileName() + ": " + e.getMessage(), e);
        } finally {
            if (work != null) FileTrees.deleteBestEffort(work);
        }
    }

    /** Rootless engines run their CLI as another user, which must be able to reach files under var/. */
    static void worldReadable(Path dir) {
        try {
            var perms = Files.getPosixFilePermissions(dir);
            perms.add(java.nio.file.attribute.PosixFilePermission.OTHERS_READ);
            perms.add(java.nio.file.attribute.PosixFilePermission.OTHERS_EXECUTE);
            Files.setPosixFilePermissions(dir, perms);
        } catch (IOException | UnsupportedOperationException e) {
            // not ours to change (or not POSIX): the rootless engine then reports what it cannot read
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    private static Map<String, String> orderedMap(String... kv) {
        Map<String, String> m = new java.util.LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) m.put(kv[i], kv[i + 1]);
        return java.util.Collections.unmodifiableMap(m);
    }
}
