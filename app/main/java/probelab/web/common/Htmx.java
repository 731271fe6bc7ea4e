package probelab.web.common;

import io.javalin.http.Context;

/** The few htmx request and response headers the app uses. */
public final class Htmx {
    private Htmx() {
    }

    /**
     * True when htmx asked for a fragment. A history restore (back/forward with an empty htmx cache) also carries
     * HX-Request in htmx 2 unless configured otherwise, and it needs the whole page, so it never counts.
     */
    public static boolean wantsFragment(Context ctx) {
        return "true".equals(ctx.header("HX-Request")) && !"true".equals(ctx.header("HX-History-Restore-Request"));
    }

    /** The same URL answers with a page or a fragment: caches must keep them apart. */
    public static void vary(Context ctx) {
        ctx.header("Vary", "HX-Request, HX-History-Restore-Request");
    }

    /** Puts {@code url} in the address bar (the canonical form of what the request asked for). */
    public static void pushUrl(Context ctx, String url) {
        ctx.header("HX-Push-Url", url);
    }

    /** Sends the response somewhere else than the requesting element asked, e.g. errors to {@link Ids#ERRORS}. */
    public static void retarget(Context ctx, String selector, String swap) {
        ctx.header("HX-Retarget", selector);
        ctx.header("HX-Reswap", swap);
    }
}
