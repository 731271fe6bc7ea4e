package probelab.web;

import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.ForbiddenResponse;
import io.javalin.http.Handler;
import io.javalin.http.HttpStatus;
import io.javalin.http.SameSite;
import probelab.report.ReportUrls;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The secret that control and write routes need when the server listens beyond loopback, as notebook servers do it:
 * a random key printed in the start-up URL ({@code ?key=}), kept in an HttpOnly SameSite=Strict cookie after that
 * first visit, or sent by API clients as {@code Authorization: Bearer KEY}. On loopback no key is needed (the local
 * user and their scripts are the only ones who can connect, as before); reads and share links never need it.
 * Requests from loopback are not exempt on a wider bind: behind a local reverse proxy every request comes from there.
 */
public final class ControlKey {
    static final String QUERY_PARAM = "key";
    static final String COOKIE = "probelab_key";
    static final String HEADER = "Authorization";
    private static final String BEARER = "Bearer ";
    static final String REFUSAL = "this server listens beyond loopback: starting jobs, SQL and every change need its key. "
            + "Open the URL it printed at start once (a cookie keeps the key), or send the header Authorization: Bearer KEY";

    /** Null: no key is needed. */
    private final String key;

    private ControlKey(String key) {
        this.key = key;
    }

    /** No key needed (a loopback or read-only server). */
    public static final ControlKey NONE = new ControlKey(null);

    /** A fresh random key when {@code options} listen beyond loopback and may change things, else {@link #NONE}. */
    public static ControlKey forServer(WebOptions options, SecureRandom random) {
        if (options.readOnly() || loopback(options.host())) return NONE;
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return new ControlKey(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
    }

    /** Whether {@code host} (an address or name to bind) is reachable from this machine only. */
    static boolean loopback(String host) {
        String h = host.strip().toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) h = h.substring(1, h.length() - 1);
        return h.equals("localhost") || h.equals("::1") || h.equals("0:0:0:0:0:0:0:1")
                || h.matches("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");
    }

    public boolean required() {
        return key != null;
    }

    /** The query the start-up URL carries ({@code ?key=...}), or "" when no key is needed. */
    public String startQuery() {
        return key == null ? "" : "?" + QUERY_PARAM + "=" + key;
    }

    /** {@code route}'s handler, behind the key when it controls or writes and a key is needed. */
    Handler guard(WebServer.Route route) {
        if (key == null || route.access() == WebServer.Route.Access.READ) return route.handler();
        Handler inner = route.handler();
        return ctx -> {
            if (!presented(ctx)) throw new ForbiddenResponse(REFUSAL);
            inner.handle(ctx);
        };
    }

    /**
     * Runs before every handler: a request whose URL carries the key (the start-up URL) gets the cookie and is sent
     * on to the same URL without it, so the key leaves the address bar and the history; a wrong key is refused.
     */
    void acceptFromUrl(Context ctx) {
        if (key == null || !ctx.method().name().equals("GET")) return;
        String offered = ctx.queryParam(QUERY_PARAM);
        if (offered == null) return;
        if (!matches(offered)) throw new ForbiddenResponse("the key in this URL is not this server's key");
        Cookie cookie = new Cookie(COOKIE, key);
        cookie.setPath("/");
        cookie.setHttpOnly(true);
        cookie.setSameSite(SameSite.STRICT);
        cookie.setMaxAge(-1); // for the browser's session: the server makes a new key at each start anyway
        ctx.cookie(cookie);
        // "//host/..." would send the browser to another site: such a path goes to the report instead
        String path = ctx.path().startsWith("/") && !ctx.path().startsWith("//") ? ctx.path() : "/";
        ctx.redirect(path + queryWithout(ctx.queryParamMap()), HttpStatus.SEE_OTHER);
        ctx.skipRemainingHandlers();
    }

    private boolean presented(Context ctx) {
        String header = ctx.header(HEADER);
        if (header != null && header.startsWith(BEARER) && matches(header.substring(BEARER.length()).strip())) return true;
        String cookie = ctx.cookie(COOKIE);
        return cookie != null && matches(cookie);
    }

    /** Constant-time: how much of a guess matched must not show in the time the answer takes. */
    private boolean matches(String offered) {
        return MessageDigest.isEqual(key.getBytes(StandardCharsets.UTF_8), offered.getBytes(StandardCharsets.UTF_8));
    }

    private static String queryWithout(Map<String, List<String>> params) {
        String rest = params.entrySet().stream().filter(e -> !e.getKey().equals(QUERY_PARAM))
                .flatMap(e -> e.getValue().stream().map(v -> ReportUrls.enc(e.getKey()) + "=" + ReportUrls.enc(v)))
                .collect(Collectors.joining("&"));
        return rest.isEmpty() ? "" : "?" + rest;
    }
}
