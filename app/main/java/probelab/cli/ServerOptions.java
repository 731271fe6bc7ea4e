package probelab.cli;

import picocli.CommandLine.Option;
import probelab.web.WebOptions;

/** --host and --port, shared by serve and run. */
public final class ServerOptions {
    @Option(names = "--port", defaultValue = "7070", description = "port to listen on (default 7070; 0 picks a free one)")
    int port;

    @Option(names = "--host", defaultValue = WebOptions.DEFAULT_HOST,
            description = "address to bind (default 127.0.0.1: only this machine; 0.0.0.0 opens it to the network)")
    String host;

    WebOptions options() {
        return new WebOptions(host, port, WebOptions.devFromEnvironment());
    }
}
