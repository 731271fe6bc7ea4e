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

    @picocli.CommandLine.Option(names = "--read-only", description = "serve reports and share links only: "
            + "every route that changes something (jobs, cancel, links, notebook edits, SQL) is absent")
    boolean readOnly;

    @Override
    public Integer call() throws InterruptedException {
        Shutdown shutdown = Shutdown.onSignal();
        Config config = Config.fromEnvironment(db.db);
        try (Probelab app = new Probelab(config, Probelab.discover(config), readOnly)) {
            WebServer web = app.web(readOnly ? server.options().readOnlyMode() : server.options()).start();
            System.out.println("probelab report: " + web.startUrl() + "  (database " + app.config().dbFile() + ")"
                    + (readOnly ? "  read-only" : ""));
            if (web.needsControlKey()) System.out.println(WebServer.CONTROL_KEY_NOTE);
            shutdown.await();
        } finally {
            shutdown.done();
        }
        return 0;
    }
}
