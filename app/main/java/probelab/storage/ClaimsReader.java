package probelab.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Reads the published claims that can sit next to a measured cell ({@code v_published_claims.probelab_metric}). */
public final class ClaimsReader {
    private ClaimsReader() {
    }

    public static List<PublishedClaims.Claim> comparable(Database db) {
        String sql = """
                SELECT claim_id, source_file, section, runtime, go_version, project_size_hint, metric, statistic, variant,
                       qualifier, value, value_high, unit, original_value, original_unit, original_text, stated_environment, notes
                FROM published_claims WHERE claim_id IN (SELECT claim_id FROM v_published_claims WHERE probelab_metric)
                ORDER BY claim_id LIMIT 10000""";
        try (Connection conn = db.connect(); PreparedStatement ps = conn.prepareStatement(sql);
             ResultSet rs = ps.executeQuery()) {
            List<PublishedClaims.Claim> out = new ArrayList<>();
            while (rs.next()) {
                double high = rs.getDouble(12);
                Double valueHigh = rs.wasNull() ? null : high;
                out.add(new PublishedClaims.Claim(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9),
                        rs.getString(10), rs.getDouble(11), valueHigh, rs.getString(13), rs.getString(14),
                        rs.getString(15), rs.getString(16), rs.getString(17), rs.getString(18)));
            }
            return out;
        } catch (SQLException e) {
            throw new StorageException("cannot read published claims: " + e.getMessage(), e);
        }
    }
}
