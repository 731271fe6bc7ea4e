package probelab.web;

import java.util.List;

/**
 * An error as a page, a fragment or JSON shows it. The message may quote user input: templates escape it.
 * {@code reason} is a machine-readable code for scripts (e.g. the SQL sandbox's {@code not_a_query}), or null.
 */
public record ErrorView(int status, String title, String message, String param, List<String> valid, String reason) {
    public ErrorView(int status, String title, String message, String param, List<String> valid) {
        this(status, title, message, param, valid, null);
    }
}
