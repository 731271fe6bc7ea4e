package probelab.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import probelab.Config;
import probelab.Probelab;
import probelab.probe.JobRequest;
import probelab.runtime.Runtime;
import probelab.web.WebServer;
import probelab.jobs.JobStatus;

import java.util.List;
import java.util.concurrent.Callable;

/**
 * The default experience: serve the report, print its URL, and run the default job ({@link JobRequest#firstLook}: newest
 * Go, tiny project, every available runtime, every metric family, adaptive sampling within about 4 minutes) in the
 * background through the web server's own job queue, so the report fills in as samples arrive. Keeps serving after
 * the job until interrupted.
 */
@Command(name = "run", description = "Serve the report and run the default probe job on every available runtime in the background.")
public final class RunCommand implements Callable<Integer> {
    @Mixin
    DbOption db;

    @Mixin
    ServerOptions server;

    @Override
    public Integer call() throws InterruptedException {
        Shutdown shutdown = Shutdown.onSignal();
        try (Probelab app = new Probelab(Config.fromEnvironment(db.db))) {
            WebServer web = app.web(server.options()).start();
            List<String> available = app.runtimes().firstLook().stream().map(Runtime::id).toList();
            JobStatus job = app.jobs().submit(JobRequest.firstLook(available, app.toolchains().newest().minor()));
            System.out.println("probelab report: " + web.startUrl());
            if (web.needsControlKey()) System.out.println(WebServer.CONTROL_KEY_NOTE);
            System.out.println("default job " + job.id() + " on " + String.join(", ", available) + " is running (about "
                    + "4 minutes; ./probelab probe --help asks for more): " + web.url() + "jobs/" + job.id());
            System.out.println("database " + app.config().dbFile() + "; Ctrl-C stops the server");
            shutdown.await();
        } finally {
            shutdown.done();
        }
        return 0;
    }
}
