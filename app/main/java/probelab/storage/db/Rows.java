package probelab.storage.db;

import java.util.List;

/** A bounded result: {@code truncated} says a limit cut it short. */
public record Rows<T>(List<T> items, boolean truncated) {
}
