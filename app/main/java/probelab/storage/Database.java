package probelab.storage;

import org.duckdb.DuckDBConnection;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/** The embedded DuckDB file: opens it, applies the ordered schema files, hands out per-thread connections. */
public final class Database implements AutoCloseable {
    /** Schema files, applied in this order at every open; each is idempotent. */
    static final List<String> SCHEMA_FILES = List.of("001_tables.sql", "002_views.sql", "003_published_claims.sql",
            "004_shares_notebooks.sql");

    private final Path file;
    private final DuckDBConnection root;

    private Database(Path file, DuckDBConnection root) {
        this.file = file;
        this.root = root;
    }

    /** Opens (creating if needed) the database at {@code file} and brings its schema up to date. */
    public static Database open(Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) Files.createDirectories(parent);
            var conn = (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:" + file.toAbsolutePath());
            var db = new Database(file.toAbsolutePath(), conn);
            db.applySchema();
            MetricCatalogTable.refill(db.root);
            return db;
        } catch (SQLException e) {
            throw new StorageException("cannot open database " + file + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void applySchema() throws SQLException {
        for (String name : SCHEMA_FILES) {
            try (InputStream in = Database.class.getResourceAsStream("/schema/" + name);
                 Statement st = root.createStatement()) {
                if (in == null) throw new StorageException("schema file missing from the build: " + name, null);
                st.execute(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    public Path file() {
        return file;
    }

    /** A new connection to the same instance; DuckDB serialises work on one connection, so each caller gets its own. */
    public DuckDBConnection connect() {
        try {
            return (DuckDBConnection) root.duplicate();
        } catch (SQLException e) {
            throw new StorageException("cannot open a connection: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            root.close();
        } catch (SQLException e) {
            throw new StorageException("cannot close database: " + e.getMessage(), e);
        }
    }
}
