package probelab.storage.report;

import probelab.catalog.EngineConfig;
import probelab.storage.db.Database;
import probelab.storage.db.Reads;
import probelab.storage.db.Rows;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Reads the engine configuration the selected runs recorded: per runtime, that of its latest run that has one. */
public final class EngineConfigReads {
    private final Database db;

    public EngineConfigReads(Database db) {
        this.db = db;
    }

    /** A runtime's engine configuration as its latest run that recorded one stored it (null columns: unknown). */
    public record RuntimeEngine(String runtime, EngineConfig config, Instant recordedAt) {
    }

    /**
     * Per runtime among the selected runs, the engine configuration of its latest run that recorded one (native runs
     * record none and are left out), ordered by runtime, at most {@code limit} runtimes.
     */
    public Rows<RuntimeEngine> forRuns(SampleFilter f, int limit) {
        List<Object> args = new ArrayList<>();
        String runs = SampleFilter.filteredRuns(f, args);
        args.add(limit + 1);
        String sql = """
                SELECT runtime_id, storage_driver, cgroup_version, cgroup_driver, oci_runtime, network_driver,
                       userland_proxy, security_options, engine_version, started_at
                FROM (SELECT r.*, row_number() OVER (PARTITION BY r.runtime_id ORDER BY r.started_at DESC, r.run_id DESC) AS nth
                      FROM runs r
                      WHERE r.run_id IN (SELECT run_id FROM (%s))
                        AND (r.storage_driver IS NOT NULL OR r.engine_version IS NOT NULL OR r.oci_runtime IS NOT NULL))
                WHERE nth = 1 ORDER BY runtime_id LIMIT ?""".formatted(runs);
        return Reads.query(db, Reads.NO_TIMEOUT, "list engine configurations", sql, args, rs -> {
            List<RuntimeEngine> out = new ArrayList<>();
            while (rs.next()) {
                Object proxy = rs.getObject(7);
                out.add(new RuntimeEngine(rs.getString(1), new EngineConfig(rs.getString(2), rs.getString(3),
                        rs.getString(4), rs.getString(5), rs.getString(6), proxy == null ? null : rs.getBoolean(7),
                        rs.getString(8), rs.getString(9)), Reads.instant(rs, 10)));
            }
            return Reads.bounded(out, limit);
        });
    }
}
