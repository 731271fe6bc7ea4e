package probelab.workload;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * One module version's zip as the go command expects it (https://go.dev/ref/mod#zip-files), and its {@code h1:}
 * hashes as go.sum records them. Entries are sorted and stamped with one fixed time, so the same sources always give
 * the same bytes.
 */
final class ModuleZip {
    /** The go command's limits: a zip's uncompressed size, and go.mod and LICENSE files alone. */
    static final long MAX_ZIP_BYTES = 500L << 20;
    static final long MAX_GO_MOD_BYTES = 16L << 20;
    static final long MAX_LICENSE_BYTES = 16L << 20;

    /** 1980-01-01, the first time a zip's DOS date holds: no time zone or clock leaks into the bytes. */
    private static final LocalDateTime FIXED_TIME = LocalDateTime.of(1980, 1, 1, 0, 0);
    private static final Set<String> VCS_DIRS = Set.of(".bzr", ".git", ".hg", ".svn");
    // the characters module.CheckFilePath allows in a file path element
    private static final Pattern FILE_ELEMENT = Pattern.compile("[A-Za-z0-9!#$%&()+,\\-.=@\\[\\]^_{}~ ]+");
    private static final Pattern WINDOWS_SHORT_NAME = Pattern.compile(".*~[0-9]+(\\..*)?");
    private static final Set<String> RESERVED = Set.of("CON", "PRN", "AUX", "NUL", "COM1", "COM2", "COM3", "COM4",
            "COM5", "COM6", "COM7", "COM8", "COM9", "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9");

    /** What went into a zip: its hashes, its file count and size, and what the zip rules left out (relative paths). */
    record Written(String zipHash, String modHash, int files, long bytes, List<String> omitted) {
    }

    private ModuleZip() {
    }

    /**
     * The files of a module: every regular file under {@code root} that {@code owned} accepts, except version control
     * directories, vendor directories, nested modules (directories with a go.mod of their own) and paths the go
     * command refuses. Keys are slash-separated paths relative to {@code root}, in Go's (byte) order.
     */
    static Map<String, Path> files(Path root, java.util.function.Predicate<Path> owned, List<String> omitted) throws IOException {
        Map<String, Path> out = new TreeMap<>(ModuleZip::compareBytes);
        collect(root, root, owned, out, omitted);
        Map<String, String> folded = new HashMap<>();
        for (String rel : out.keySet()) {
            String clash = folded.putIfAbsent(rel.toLowerCase(Locale.ROOT), rel);
            // the go command refuses a zip whose paths differ only in case: it could not extract it on macOS
            if (clash != null) throw new IOException("paths differ only in case: " + clash + " and " + rel);
        }
        return out;
    }

    private static void collect(Path root, Path dir, java.util.function.Predicate<Path> owned, Map<String, Path> out,
                                List<String> omitted) throws IOException {
        List<Path> entries;
        try (var ds = Files.list(dir)) {
            entries = ds.sorted(Comparator.comparing(Path::toString)).toList();
        }
        for (Path p : entries) {
            String rel = root.relativize(p).toString().replace('\\', '/');
            String name = p.getFileName().toString();
            if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                if (VCS_DIRS.contains(name) || name.equals("vendor")) {
                    omitted.add(rel + "/");
                } else if (Files.exists(p.resolve("go.mod"), LinkOption.NOFOLLOW_LINKS)) {
                    omitted.add(rel + "/ (nested module)");
                } else {
                    collect(root, p, owned, out, omitted);
                }
            } else if (!Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                omitted.add(rel + " (not a regular file)");
            } else if (!owned.test(p)) {
                omitted.add(rel + " (another package's file)");
            } else if (!validPath(rel)) {
                omitted.add(rel + " (a path the go command refuses)");
            } else {
                out.put(rel, p);
            }
        }
    }

    /**
     * Writes {@code module@version/...} entries for {@code files} (plus {@code goMod} as the module's go.mod, which
     * replaces any go.mod among the files) to {@code zip}.
     */
    static Written write(Path zip, String module, String version, Map<String, Path> files, byte[] goMod,
                         List<String> omitted) throws IOException {
        if (goMod.length > MAX_GO_MOD_BYTES) throw new IOException(module + ": go.mod larger than 16 MiB");
        String prefix = module + "@" + version + "/";
        Map<String, Path> all = new TreeMap<>(ModuleZip::compareBytes);
        all.putAll(files);
        all.remove("go.mod");
        List<String> hashLines = new ArrayList<>();
        long total = 0;
        MessageDigest fileDigest = sha256();
        try (OutputStream os = Files.newOutputStream(zip); ZipOutputStream zos = new ZipOutputStream(os)) {
            zos.setLevel(java.util.zip.Deflater.DEFAULT_COMPRESSION);
            // go.mod sorts among the others by name: entries go out in Go's byte order, go.mod included
            Map<String, Object> ordered = new TreeMap<>(ModuleZip::compareBytes);
            ordered.putAll(all);
            ordered.put("go.mod", goMod);
            for (Map.Entry<String, Object> e : ordered.entrySet()) {
                byte[] data = e.getValue() instanceof byte[] b ? b : Files.readAllBytes((Path) e.getValue());
                if (e.getKey().equals("LICENSE") && data.length > MAX_LICENSE_BYTES) {
                    throw new IOException(module + ": LICENSE larger than 16 MiB");
                }
                total += data.length;
                if (total > MAX_ZIP_BYTES) throw new IOException(module + ": more than 500 MiB of files");
                ZipEntry entry = new ZipEntry(prefix + e.getKey());
                entry.setTimeLocal(FIXED_TIME);
                zos.putNextEntry(entry);
                zos.write(data);
                zos.closeEntry();
                hashLines.add(HexFormat.of().formatHex(fileDigest.digest(data)) + "  " + prefix + e.getKey() + "\n");
            }
        }
        return new Written(hash1(hashLines), modHash(goMod), all.size() + 1, total, List.copyOf(omitted));
    }

    /** go.sum's {@code /go.mod} hash: dirhash.Hash1 of the one file named "go.mod". */
    static String modHash(byte[] goMod) {
        return hash1(List.of(HexFormat.of().formatHex(sha256().digest(goMod)) + "  go.mod\n"));
    }

    /** dirhash.Hash1: SHA-256 over the sorted lines {@code "<sha256 hex>  <name>\n"}, base64, prefixed "h1:". */
    private static String hash1(List<String> lines) {
        MessageDigest summary = sha256();
        for (String line : lines) summary.update(line.getBytes(StandardCharsets.UTF_8));
        return "h1:" + Base64.getEncoder().encodeToString(summary.digest());
    }

    /** What module.CheckFilePath accepts, near enough for the sources Debian ships. */
    static boolean validPath(String rel) {
        for (String element : rel.split("/", -1)) {
            if (element.isEmpty() || element.equals(".") || element.equals("..")) return false;
            if (!FILE_ELEMENT.matcher(element).matches() || element.endsWith(".")) return false;
            String base = element.contains(".") ? element.substring(0, element.indexOf('.')) : element;
            if (RESERVED.contains(base.toUpperCase(Locale.ROOT))) return false;
            if (WINDOWS_SHORT_NAME.matcher(element).matches()) return false;
        }
        return true;
    }

    /** Go compares strings byte by byte (UTF-8); Java's compareTo goes by UTF-16 units, which differs beyond ASCII. */
    static int compareBytes(String a, String b) {
        return java.util.Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
