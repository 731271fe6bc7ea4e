package probelab.web;

import probelab.web.common.Layout;

/** The full error page: the layout and the error. */
public record ErrorPage(Layout layout, ErrorView error) {
}
