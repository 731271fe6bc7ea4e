package probelab.cli;

import picocli.CommandLine.Option;
import probelab.web.WebOptions;

import java.util.List;

/** --host and --port, shared by serve and run. */
public final class ServerOptions {
    @Option(names = "--port", defaultValue = "7070", description = "port to listen on (default 7070; 0 picks a free one)")
    int port;

    @Option(names = "--host", defaultValue = WebOptions.DEFAULT_HOST,
            description = "address to bind (default 127.0.0.1: only this machine; 0.0.0.0 opens it to the network)")
    String host;

    @Option(names = "--allow-host", split = ",", paramLabel = "NAME",
            description = "host names the server answers to besides 127.0.0.1, localhost, [::1] and --host (default: none);"
                    + " any other Host header gets 421, which stops DNS-rebinding pages")
    List<String> allowHosts = List.of();

    WebOptions options() {
        return new WebOptions(host, port, WebOptions.devFromEnvironment(), false, allowHosts);
    }
}
