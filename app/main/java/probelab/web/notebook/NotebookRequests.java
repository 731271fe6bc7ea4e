package probelab.web.notebook;

import probelab.catalog.BadInput;
import io.javalin.http.Context;
import probelab.storage.notebooks.Notebooks;
import probelab.storage.shares.Shares;
import probelab.web.common.NotFound;
import probelab.web.share.SharedView;

/**
 * The notebook and cell a request's path names, found or answered with 404; under /r/{token} only the cells of the
 * link's own notebook. Javalin matches "/cells/{cellId}.json" with the extension outside the parameter, so the
 * cell id arrives bare.
 */
final class NotebookRequests {
    private final Notebooks notebooks;

    NotebookRequests(Notebooks notebooks) {
        this.notebooks = notebooks;
    }

    Notebooks.Notebook notebook(Context ctx) {
        String id = ctx.pathParam("id");
        return notebooks.find(id).orElseThrow(() -> new NotFound("there is no notebook " + BadInput.quote(id)));
    }

    /** The {cellId} of the path, in the given notebook. */
    Notebooks.Cell cell(Context ctx, String notebookId) {
        String id = ctx.pathParam("cellId");
        return notebooks.cell(notebookId, id).orElseThrow(() -> new NotFound("there is no cell " + BadInput.quote(id)));
    }

    /** The {cellId} of a /r/{token}/nbcells/ path, in the shared notebook. */
    Notebooks.Cell sharedCell(Context ctx) {
        Shares.Share s = SharedView.required(ctx).link();
        if (!s.notebook()) throw new NotFound("this link shows a report, not a notebook");
        return notebooks.cell(s.notebookId(), ctx.pathParam("cellId")).orElseThrow(() -> new NotFound("no such cell"));
    }
}
