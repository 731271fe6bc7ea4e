package probelab.web;

import io.javalin.testtools.JavalinTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import probelab.Config;
import probelab.Probelab;
import probelab.seed.SyntheticJobs;
import probelab.storage.db.Database;
import probelab.storage.samples.SampleStore;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static probelab.web.Http.get;

/** {@code serve --read-only} opens the database read-only: the file and its folder are exactly as they were. */
class ReadOnlyFileServerTest {
    @TempDir
    Path dir;

    static String sha256(Path f) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(f)));
    }

    static List<String> listing(Path d) throws Exception {
        try (Stream<Path> s = Files.list(d)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void a_read_only_server_leaves_the_files_bytes_mtime_and_folder_unchanged() throws Exception {
        Path data = Files.createDirectories(dir.resolve("data"));
        Path dbFile = data.resolve("probelab.duckdb");
        try (Database db = Database.open(dbFile)) {
            SampleStore store = new SampleStore(db);
            store.createJob("dead-job", "{}", Instant.now()); // queued by a process that is gone
            new SyntheticJobs(store, 3).writeJob(new SyntheticJobs.Shape(List.of("native", "docker"), List.of("1.23.5"),
                    List.of("tiny"), 6), Instant.now());
        }
        String hash = sha256(dbFile);
        var mtime = Files.getLastModifiedTime(dbFile);
        List<String> before = listing(data);

        Path root = Path.of(System.getProperty("probelab.root", ".")).toAbsolutePath();
        Config config = new Config(root, dir.resolve("var"), dbFile);
        try (Probelab app = new Probelab(config, Probelab.discover(config), true)) {
            assertTrue(app.abortedAtStart().isEmpty(), "a read-only open marks nothing aborted");
            WebServer web = app.web(new WebOptions("127.0.0.1", 0, false, true, List.of()));
            JavalinTest.test(web.app(), (server, client) -> {
                for (String path : List.of("/", "/cells/rtt", "/cells/build.json", "/api/info", "/api/jobs", "/notebooks",
                        "/samples.parquet", "/api/jobs/dead-job")) {
                    assertEquals(200, get(client, path).code(), path);
                }
            });
        }
        assertEquals(hash, sha256(dbFile), "the database's bytes");
        assertEquals(mtime, Files.getLastModifiedTime(dbFile), "the database's mtime");
        assertEquals(before, listing(data), "no WAL, snapshot or temporary file beside the database");
    }
}
