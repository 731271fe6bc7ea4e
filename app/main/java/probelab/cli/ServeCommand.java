package probelab.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import probelab.Config;
import probelab.Probelab;
import probelab.web.WebServer;

import java.util.concurrent.Callable;

/** Serves the report until interrupted. */
@Command(name = "serve", description = "Serve the report (and the jobs page and JSON API) on http://127.0.0.1:7070/.")
public final class ServeCommand implements Callable<Integer> {
    @Mixin
    DbOption db;

    @Mixin
    ServerOptions server;

    @Override
    public Integer call() throws InterruptedException {
        Shutdown shutdown = Shutdown.onSignal();
        try (Probelab app = new Probelab(Config.fromEnvironment(db.db))) {
            WebServer web = app.web(server.options()).start();
            System.out.println("probelab report: " + web.url() + "  (database " + app.config().dbFile() + ")");
            shutdown.await();
        } finally {
            shutdown.done();
        }
        return 0;
    }
}
