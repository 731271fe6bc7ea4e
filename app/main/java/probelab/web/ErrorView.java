package probelab.web;

import java.util.List;

/** An error as a page, a fragment or JSON shows it. The message may quote user input: templates escape it. */
public record ErrorView(int status, String title, String message, String param, List<String> valid) {
}
