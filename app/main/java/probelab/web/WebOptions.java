package probelab.web;

/**
 * How the server listens and whether it runs in dev mode (templates and static files read from disk on every
 * change; no long caching). Dev mode comes from {@code PROBELAB_DEV=1} or {@code -Dprobelab.dev=true}.
 */
public record WebOptions(String host, int port, boolean dev) {
    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 7070;

    public WebOptions {
        if (port < 0 || port > 65535) throw new IllegalArgumentException("--port must be between 0 and 65535, got " + port);
        if (host == null || host.isBlank()) throw new IllegalArgumentException("--host must not be empty");
    }

    public static boolean devFromEnvironment() {
        String env = System.getenv("PROBELAB_DEV");
        return "1".equals(env) || "true".equalsIgnoreCase(env) || Boolean.getBoolean("probelab.dev");
    }
}
