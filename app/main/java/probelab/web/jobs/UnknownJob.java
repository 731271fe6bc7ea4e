package probelab.web.jobs;

import probelab.web.BadRequest;
import probelab.web.NotFound;

/** Helpers for the one not-found case of jobs. */
final class UnknownJob {
    private UnknownJob() {
    }

    static NotFound of(String id) {
        return new NotFound("there is no job " + BadRequest.quote(id));
    }
}
