package probelab.web;

import java.util.List;
import java.util.Locale;

/**
 * How the server listens, which host names it answers to, and whether it runs in dev mode (templates and static
 * files read from disk on every change; no long caching). Dev mode comes from {@code PROBELAB_DEV=1} or
 * {@code -Dprobelab.dev=true}.
 *
 * @param extraHosts host names besides loopback and the bound address that requests may name in {@code Host}
 *                   (e.g. the machine's name when it serves a LAN with {@code --host 0.0.0.0})
 */
public record WebOptions(String host, int port, boolean dev, boolean readOnly, List<String> extraHosts) {
    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 7070;

    public WebOptions {
        if (port < 0 || port > 65535) throw new IllegalArgumentException("--port must be between 0 and 65535, got " + port);
        if (host == null || host.isBlank()) throw new IllegalArgumentException("--host must not be empty");
        extraHosts = extraHosts == null ? List.of() : extraHosts.stream().map(h -> h.strip().toLowerCase(Locale.ROOT)).toList();
        for (String h : extraHosts) {
            if (!h.matches("[a-z0-9.:\\[\\]-]{1,253}")) {
                throw new IllegalArgumentException("--allow-host takes a host name or address, got '" + h + "'");
            }
        }
    }

    /** The same, serving reports and share links only: every mutating route is absent. */
    public WebOptions readOnlyMode() {
        return new WebOptions(host, port, dev, true, extraHosts);
    }

    public static boolean devFromEnvironment() {
        String env = System.getenv("PROBELAB_DEV");
        return "1".equals(env) || "true".equalsIgnoreCase(env) || Boolean.getBoolean("probelab.dev");
    }
}
