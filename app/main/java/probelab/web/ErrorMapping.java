package probelab.web;

import probelab.catalog.BadInput;
import probelab.web.common.Htmx;
import probelab.web.common.Ids;
import probelab.web.common.Layout;
import probelab.web.common.NotFound;
import probelab.web.common.Pages;
import probelab.report.UnknownCell;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import probelab.jobs.UnknownJobException;
import probelab.storage.sandbox.SqlRejectedException;
import probelab.storage.db.StorageException;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The one place where exceptions become responses, and the one place that writes an error as JSON. Controllers throw typed exceptions; this maps them to a status
 * and answers in the form the request wants: JSON for the API and .json twins, an error fragment (retargeted to
 * {@link Ids#ERRORS}) for htmx, a full page otherwise. Messages are escaped by the templates or by Jackson.
 */
public final class ErrorMapping {
    private static final Logger LOG = LoggerFactory.getLogger(ErrorMapping.class);

    private final Pages pages;
    private final ObjectMapper json;

    public ErrorMapping(Pages pages, ObjectMapper json) {
        this.pages = pages;
        this.json = json;
    }

    public void register(RoutesConfig routes) {
        routes.exception(BadInput.class, (e, ctx) -> respond(ctx, new ErrorView(400, "Bad request", e.getMessage(),
                e.param(), e.valid())));
        routes.exception(UnknownCell.class, (e, ctx) -> respond(ctx, new ErrorView(404, "Not found", e.getMessage(), null, List.of())));
        routes.exception(NotFound.class, (e, ctx) -> respond(ctx, new ErrorView(404, "Not found", e.getMessage(), null, List.of())));
        routes.exception(UnknownJobException.class, (e, ctx) -> respond(ctx, new ErrorView(404, "Not found", e.getMessage(), null, List.of())));
        // a job request's checks (an unknown runtime, Go version, size, metric, scenario or cache mode, with the valid
        // names; a repeat out of range) and malformed URL encoding: the same messages the CLI prints
        routes.exception(IllegalArgumentException.class, (e, ctx) -> respond(ctx, new ErrorView(400, "Bad request",
                e.getMessage(), null, validOf(e))));
        // refused user SQL says why in a code as well; BUSY is the server's state, not bad input
        routes.exception(SqlRejectedException.class, (e, ctx) -> {
            boolean busy = e.reason() == SqlRejectedException.Reason.BUSY;
            respond(ctx, new ErrorView(busy ? 503 : 400, busy ? "Busy" : "Bad request", e.getMessage(), null, List.of(),
                    e.reason().name().toLowerCase(Locale.ROOT)));
        });
        routes.exception(HttpResponseException.class, (e, ctx) -> {
            HttpStatus status = HttpStatus.forStatus(e.getStatus());
            String message = e.getStatus() == 404 ? "there is no page at " + BadInput.quote(ctx.path()) : e.getMessage();
            respond(ctx, new ErrorView(e.getStatus(), status.getMessage(), message, null, List.of()));
        });
        // a full disk: the server serves what is stored and refuses changes until it starts again, saying why
        routes.exception(probelab.storage.db.WriteFaultException.class, (e, ctx) ->
                respond(ctx, new ErrorView(503, "Read-only until restarted", e.getMessage(), null, List.of())));
        routes.exception(StorageException.class, (e, ctx) -> {
            LOG.error("database error on {} {}", ctx.method(), ctx.path(), e);
            String message = e.getMessage() != null && e.getMessage().contains("INTERRUPT")
                    ? "the query took too long and was cancelled; narrow the filter" : "the database could not answer: " + e.getMessage();
            respond(ctx, new ErrorView(500, "Database error", message, null, List.of()));
        });
        routes.exception(Exception.class, (e, ctx) -> {
            LOG.error("unexpected error on {} {}", ctx.method(), ctx.path(), e);
            respond(ctx, new ErrorView(500, "Internal error", "something went wrong: " + e.getClass().getSimpleName(),
                    null, List.of()));
        });
    }

    private static List<String> validOf(IllegalArgumentException e) {
        if (e instanceof probelab.catalog.UnknownNameException u) return u.valid();
        return List.of();
    }

    void respond(Context ctx, ErrorView error) {
        ctx.status(error.status());
        Htmx.vary(ctx);
        if (wantsJson(ctx)) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("status", error.status());
            body.put("error", error.title());
            body.put("message", error.message());
            if (error.param() != null) body.put("param", error.param());
            if (!error.valid().isEmpty()) body.put("valid", error.valid());
            if (error.reason() != null) body.put("reason", error.reason());
            try {
                ctx.contentType("application/json").result(json.writeValueAsString(body));
            } catch (JsonProcessingException ex) {
                ctx.result("{\"status\":" + error.status() + "}");
            }
        } else if (Htmx.wantsFragment(ctx)) {
            Htmx.retarget(ctx, Ids.sel(Ids.ERRORS), "innerHTML");
            ctx.html(pages.render("shared/errorFragment.jte", error));
        } else {
            ctx.html(pages.render("shared/errorPage.jte", new ErrorPage(pages.layout(error.title(), Layout.Section.NONE, false), error)));
        }
    }

    static boolean wantsJson(Context ctx) {
        String path = ctx.path();
        if (path.startsWith("/api/") || path.endsWith(".json")) return true;
        String accept = ctx.header("Accept");
        return accept != null && accept.contains("application/json") && !accept.contains("text/html");
    }
}
