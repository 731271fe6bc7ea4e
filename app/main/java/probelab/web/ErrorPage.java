package probelab.web;

/** The full error page: the layout and the error. */
public record ErrorPage(Layout layout, ErrorView error) {
}
