package probelab.storage.claims;

import probelab.storage.db.Database;
import probelab.storage.db.Reads;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Reads the published claims: all of them (the fact-check), or those that can sit next to a measured cell. */
public final class ClaimsReader {
    /** The table holds one row per line of the CSV (176 now): far below this. */
    private static final int MAX_CLAIMS = 10_000;
    private static final String COLUMNS = """
            SELECT claim_id, source_file, section, runtime, go_version, project_size_hint, metric, statistic, variant,
                   qualifier, value, value_high, unit, original_value, original_unit, original_text, stated_environment, notes
            FROM published_claims""";

    private ClaimsReader() {
    }

    /** The claims whose metric probelab measures ({@code v_published_claims.probelab_metric}), in claim order. */
    public static List<PublishedClaims.Claim> comparable(Database db) {
        return read(db, COLUMNS + " WHERE claim_id IN (SELECT claim_id FROM v_published_claims WHERE probelab_metric)"
                + " ORDER BY claim_id LIMIT " + MAX_CLAIMS);
    }

    /** Every claim, in claim order. */
    public static List<PublishedClaims.Claim> all(Database db) {
        return read(db, COLUMNS + " ORDER BY claim_id LIMIT " + MAX_CLAIMS);
    }

    private static List<PublishedClaims.Claim> read(Database db, String sql) {
        return Reads.query(db, Reads.NO_TIMEOUT, "read published claims", sql, List.of(), rs -> {
            List<PublishedClaims.Claim> out = new ArrayList<>();
            while (rs.next()) out.add(claim(rs));
            return out;
        });
    }

    private static PublishedClaims.Claim claim(ResultSet rs) throws SQLException {
        double high = rs.getDouble(12);
        Double valueHigh = rs.wasNull() ? null : high;
        return new PublishedClaims.Claim(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9),
                rs.getString(10), rs.getDouble(11), valueHigh, rs.getString(13), rs.getString(14),
                rs.getString(15), rs.getString(16), rs.getString(17), rs.getString(18));
    }
}
