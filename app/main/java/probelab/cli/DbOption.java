package probelab.cli;

import picocli.CommandLine.Option;

import java.nio.file.Path;

/** The --db option every command that touches the database shares. */
public final class DbOption {
    @Option(names = "--db", paramLabel = "PATH", description = "DuckDB file (default var/probelab.duckdb)")
    Path db;
}
