package probelab.workload;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/**
 * The third-party modules a generated project requires and the {@code GOPROXY=file://} tree that serves them, as its
 * manifest ({@link #MANIFEST}) lists them: module, version, whether the project imports it itself, the Debian package
 * and version it was made from, and the two go.sum hashes.
 */
public record GoModules(Path proxyDir, List<Module> modules) {
    /** The manifest at the top of each proxy tree; people read it, {@link #read} parses it. */
    public static final String MANIFEST = "probelab-modules.txt";

    /** One module version in the tree. */
    public record Module(String path, String version, boolean direct, String debPackage, String debVersion,
                         String zipHash, String modHash) {
        /** {@code path@version (debian-package debian-version)}, for people. */
        public String describe() {
            return path + "@" + version + " (" + debPackage + " " + debVersion + ")";
        }
    }

    public GoModules {
        Objects.requireNonNull(proxyDir, "proxyDir");
        modules = List.copyOf(modules);
    }

    /** The value of {@code GOPROXY} for a go command on this machine. */
    public String goproxyUrl() {
        return "file://" + proxyDir.toAbsolutePath().normalize();
    }

    /** Every module, one {@link Module#describe()} each, in the manifest's order. */
    public List<String> describe() {
        return modules.stream().map(Module::describe).toList();
    }

    /**
     * The require blocks of a go 1.17+ go.mod, as {@code go mod tidy} writes them: what the project imports itself,
     * then every module of the closure marked {@code // indirect}, so the pruned module graph is complete.
     */
    String requireBlocks() {
        StringBuilder out = new StringBuilder();
        for (boolean direct : new boolean[]{true, false}) {
            List<Module> group = modules.stream().filter(m -> m.direct() == direct).toList();
            if (group.isEmpty()) continue;
            out.append("\nrequire (\n");
            for (Module m : group) {
                out.append('\t').append(m.path()).append(' ').append(m.version()).append(direct ? "" : " // indirect").append('\n');
            }
            out.append(")\n");
        }
        return out.toString();
    }

    /** go.sum: both hashes of every module, sorted as the go command writes them. */
    String goSum() {
        TreeSet<String> lines = new TreeSet<>(ModuleZip::compareBytes);
        for (Module m : modules) {
            lines.add(m.path() + " " + m.version() + " " + m.zipHash());
            lines.add(m.path() + " " + m.version() + "/go.mod " + m.modHash());
        }
        return String.join("\n", lines) + "\n";
    }

    /** The manifest's text: a header for people, then one tab-separated line per module. */
    String manifest() {
        StringBuilder out = new StringBuilder();
        out.append("# Go modules served by this GOPROXY=file:// tree, made by probelab (workload.ModuleProxy) from the\n");
        out.append("# Go sources of Debian's golang-*-dev packages under /usr/share/gocode/src. Each go.mod here requires\n");
        out.append("# exactly the modules its packages import, at the versions below: Debian's own go.mod files name\n");
        out.append("# versions (and modules) Debian does not ship.\n");
        out.append("# module\tversion\tdirect|indirect\tdebian-package\tdebian-version\tzip-h1\tgo.mod-h1\n");
        for (Module m : modules) {
            out.append(String.join("\t", m.path(), m.version(), m.direct() ? "direct" : "indirect", m.debPackage(),
                    m.debVersion(), m.zipHash(), m.modHash())).append('\n');
        }
        return out.toString();
    }

    /** The modules of the tree at {@code proxyDir}, or null when it has no complete manifest. */
    static GoModules read(Path proxyDir) throws IOException {
        Path file = proxyDir.resolve(MANIFEST);
        if (!Files.isRegularFile(file)) return null;
        List<Module> modules = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (line.isBlank() || line.startsWith("#")) continue;
            String[] c = line.split("\t");
            if (c.length != 7) return null;
            modules.add(new Module(c[0], c[1], c[2].equals("direct"), c[3], c[4], c[5], c[6]));
        }
        return modules.isEmpty() ? null : new GoModules(proxyDir, modules);
    }
}
