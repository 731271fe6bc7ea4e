package probelab.web;

import io.javalin.http.Context;
import io.javalin.http.ForbiddenResponse;
import io.javalin.http.HttpResponseException;

import java.net.URI;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.IntSupplier;

/**
 * What every request passes before any handler, static files included. The server has no login and binds loopback,
 * so its attackers are web pages in the user's own browser:
 * <ul>
 * <li>DNS rebinding: a page on {@code evil.example} whose name later resolves to 127.0.0.1 talks to this server as
 * a same-origin page. Its requests carry {@code Host: evil.example:PORT}, so only host names this server is known
 * by are answered (421 otherwise).</li>
 * <li>Cross-site writes: a POST or DELETE must come from this server's own origin (scheme, allowed host and this
 * port), or from no browser at all (no Origin header).</li>
 * <li>Framing, MIME sniffing, script injection and leaking share tokens through the Referer: headers on every
 * response. Every script is a file under /static or /webjars, so {@code script-src 'self'} holds.</li>
 * </ul>
 */
public final class RequestGuard {
    /** Styles allow inline: the swatches' colours are style attributes and Plotly writes its own style elements. */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            + "img-src 'self' data: blob:; connect-src 'self'; font-src 'self' data:; object-src 'none'; "
            + "base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    private final Set<String> hosts;
    private final IntSupplier port;

    /**
     * @param port the port the server listens on, asked at request time (a test server picks a free one at start)
     */
    public RequestGuard(WebOptions options, IntSupplier port) {
        Set<String> h = new LinkedHashSet<>(List.of("127.0.0.1", "localhost", "[::1]"));
        String bound = options.host().toLowerCase(Locale.ROOT);
        // a wildcard bind is not a name anyone types: it is reached through loopback or a name given with --allow-host
        if (!bound.equals("0.0.0.0") && !bound.equals("::") && !bound.equals("[::]")) h.add(bracketed(bound));
        options.extraHosts().forEach(x -> h.add(bracketed(x)));
        this.hosts = Set.copyOf(h);
        this.port = port;
    }

    private static String bracketed(String host) {
        return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    }

    /** Runs before every handler. */
    public void check(Context ctx) {
        securityHeaders(ctx);
        String host = hostName(ctx.header("Host"));
        if (host == null || !hosts.contains(host)) {
            throw new HttpResponseException(421, "this server answers to " + String.join(", ", hosts)
                    + " only; start it with --allow-host NAME to add a name");
        }
        String method = ctx.method().name();
        if (method.equals("GET") || method.equals("HEAD") || method.equals("OPTIONS")) return;
        String origin = ctx.header("Origin");
        if (origin != null && !ownOrigin(origin)) throw new ForbiddenResponse("cross-site requests may not change anything here");
        // no route takes multipart bodies, and a malformed one fails deep in the container's parser: refuse it here
        String type = ctx.header("Content-Type");
        if (type != null && type.toLowerCase(Locale.ROOT).startsWith("multipart/")) {
            throw new HttpResponseException(415, "send forms as application/x-www-form-urlencoded or JSON, not multipart");
        }
    }

    static void securityHeaders(Context ctx) {
        ctx.header("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        ctx.header("X-Frame-Options", "DENY");
        ctx.header("X-Content-Type-Options", "nosniff");
        // share links carry their token in the URL: no page of this server may pass its URL on to another site
        ctx.header("Referrer-Policy", "no-referrer");
    }

    /** The lower-case host of a Host header without its port, or null when it is not a plain host[:port]. */
    static String hostName(String header) {
        if (header == null || header.isBlank() || header.length() > 300) return null;
        String h = header.strip().toLowerCase(Locale.ROOT);
        if (h.startsWith("[")) {
            int end = h.indexOf(']');
            if (end < 0) return null;
            String rest = h.substring(end + 1);
            if (!rest.isEmpty() && !rest.matches(":\\d{1,5}")) return null;
            return h.substring(0, end + 1);
        }
        int colon = h.indexOf(':');
        String name = colon < 0 ? h : h.substring(0, colon);
        if (colon >= 0 && !h.substring(colon).matches(":\\d{1,5}")) return null;
        return name.matches("[a-z0-9.-]{1,253}") ? name : null;
    }

    private boolean ownOrigin(String origin) {
        try {
            URI o = URI.create(origin);
            if (!"http".equalsIgnoreCase(o.getScheme()) || o.getHost() == null) return false;
            int originPort = o.getPort() < 0 ? 80 : o.getPort();
            return hosts.contains(o.getHost().toLowerCase(Locale.ROOT)) && originPort == port.getAsInt();
        } catch (IllegalArgumentException e) {
            return false; // an unparseable Origin is not ours
        }
    }
}
