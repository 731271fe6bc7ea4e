package probelab.storage.bundles;

import probelab.storage.machines.MachineRow;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * {@code manifest.json} of a result bundle: what made it, on which machines, over which time span, and for each
 * Parquet file its row count and sha256. {@code contentSha256} is the sha256 of the Parquet files' bytes
 * concatenated in {@link #FILES} order: the bundle's identity (an import records it, so the same bundle is imported
 * once) and its integrity check (a file changed after the manifest was written no longer matches). It is not a
 * signature: whoever can edit the files can rewrite the manifest too.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record BundleManifest(String format, int formatVersion, String probelabVersion, String gitCommit,
                             Instant createdAt, List<MachineRow> machines, Instant from, Instant to,
                             Map<String, String> filter, List<FileEntry> files, String contentSha256) {
    public static final String FORMAT = "probelab-bundle";
    /** Bumped when a file's meaning changes; an importer refuses versions it does not know. */
    public static final int FORMAT_VERSION = 1;
    public static final String MANIFEST = "manifest.json";
    /** The Parquet files of a bundle, in the order the content hash reads them. */
    public static final List<String> FILES = List.of("runs.parquet", "samples.parquet", "histograms.parquet",
            "jobs.parquet", "machines.parquet");

    /** One Parquet file: its name, rows, size and sha256 (lower-case hex). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record FileEntry(String name, long rows, long bytes, String sha256) {
    }

    /** The entry of {@code name}, or null. */
    public FileEntry file(String name) {
        return files == null ? null : files.stream().filter(f -> name.equals(f.name())).findFirst().orElse(null);
    }

    /** The rows of one file as the manifest states them (0 when it does not list it). */
    public long rows(String name) {
        FileEntry f = file(name);
        return f == null ? 0 : f.rows();
    }

    /** Per-file sha256 (hex) and the content hash of the files in {@code dir}, read in {@link #FILES} order. */
    record Hashes(Map<String, String> perFile, String content) {
        static Hashes of(Path dir) throws IOException {
            MessageDigest content = sha256();
            Map<String, String> perFile = new java.util.LinkedHashMap<>();
            byte[] buf = new byte[1 << 16];
            for (String name : FILES) {
                MessageDigest one = sha256();
                try (InputStream in = Files.newInputStream(dir.resolve(name))) {
                    for (int n; (n = in.read(buf)) > 0; ) {
                        one.update(buf, 0, n);
                        content.update(buf, 0, n);
                    }
                }
                perFile.put(name, HexFormat.of().formatHex(one.digest()));
            }
            return new Hashes(perFile, HexFormat.of().formatHex(content.digest()));
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
