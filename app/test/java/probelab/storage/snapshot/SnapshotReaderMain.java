package probelab.storage.snapshot;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Properties;

/**
 * A second process for {@link SnapshotTest}: an analyst's DuckDB client, reduced to what the test needs. Reads one
 * command per line on stdin and answers one line on stdout:
 * {@code count} (samples in v_samples, through one connection kept open), {@code reopen} (close, open again, count),
 * {@code live PATH} (try to open the live file read-only), {@code quit}.
 */
public final class SnapshotReaderMain {
    private SnapshotReaderMain() {
    }

    public static void main(String[] args) throws Exception {
        String snapshot = args[0];
        Connection conn = null;
        var in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null) {
            try {
                if (line.equals("quit")) break;
                if (line.equals("reopen") && conn != null) {
                    conn.close();
                    conn = null;
                }
                if (line.equals("count") || line.equals("reopen")) {
                    if (conn == null) conn = open(snapshot);
                    System.out.println("count " + count(conn));
                } else if (line.startsWith("live ")) {
                    try (Connection live = open(line.substring(5))) {
                        System.out.println("live-opened");
                    } catch (Exception e) {
                        System.out.println("live-refused " + e.getMessage().replace('\n', ' '));
                    }
                } else {
                    System.out.println("unknown " + line);
                }
            } catch (Exception e) {
                System.out.println("error " + String.valueOf(e.getMessage()).replace('\n', ' '));
            }
            System.out.flush();
        }
        if (conn != null) conn.close();
    }

    private static Connection open(String path) throws Exception {
        Properties p = new Properties();
        p.setProperty("duckdb.read_only", "true");
        return DriverManager.getConnection("jdbc:duckdb:" + path, p);
    }

    private static long count(Connection c) throws Exception {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT count(*) FROM v_samples")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
