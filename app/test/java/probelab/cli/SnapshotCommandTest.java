package probelab.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import probelab.storage.db.Database;
import probelab.storage.samples.SampleStore;
import probelab.storage.snapshot.Snapshot;

import java.nio.file.Path;
import java.sql.ResultSet;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SnapshotCommandTest {
    @TempDir
    Path dir;

    @Test
    void a_job_a_killed_process_left_running_reads_aborted_in_the_snapshot_it_makes() throws Exception {
        Path db = dir.resolve("probelab.duckdb");
        try (Database d = Database.open(db)) {
            SampleStore store = new SampleStore(d);
            store.createJob("killed", "{}", Instant.now());
            store.markJobStarted("killed"); // and then the process died: nothing marks it finished
        }
        assertEquals(0, Main.execute("snapshot", "--db", db.toString()));
        try (Database copy = Database.openReadOnly(Snapshot.besideLive(db)); var conn = copy.connect(); var st = conn.createStatement();
             ResultSet rs = st.executeQuery("SELECT status, message FROM jobs WHERE job_id = 'killed'")) {
            assertTrue(rs.next());
            assertEquals(SampleStore.JOB_ABORTED, rs.getString(1));
            assertTrue(rs.getString(2).contains("ended before it finished"), rs.getString(2));
        }
    }
}
