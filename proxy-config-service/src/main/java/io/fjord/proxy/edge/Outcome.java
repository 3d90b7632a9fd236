package io.fjord.proxy.edge;

import io.fjord.platform.api.ApiException;
import io.fjord.proxy.route.AppRoute;

/** What became of a change of the edge. */
public sealed interface Outcome {

    /**
     * The app's route once an API call's change is live.
     *
     * @throws ApiException what to answer the caller when it is not: the refusal, or a 400 with nginx's words
     */
    default AppRoute live() {
        if (this instanceof Applied applied) {
            return applied.route();
        } else if (this instanceof Refused refused) {
            throw refused.reason();
        } else if (this instanceof Rejected rejected) {
            throw ApiException.badRequest("nginx refused the change, nothing was changed: " + rejected.reason());
        }
        throw ApiException.conflict("the change was not applied");
    }

    /**
     * Live and stored.
     *
     * @param route the app's route now; null when the app was taken off the edge
     * @param load the number of the nginx load that made it live ({@link io.fjord.proxy.nginx.NginxProcess#loads()}):
     *        changes applied together share it
     */
    record Applied(AppRoute route, long load) implements Outcome {
    }

    /** Older than what is live: nothing changed. */
    record Ignored() implements Outcome {
    }

    /** Refused before nginx saw it (an unknown app, a domain of another app); nothing changed. */
    record Refused(ApiException reason) implements Outcome {
    }

    /** Its rendering or nginx refused it; the live files stayed as they were. */
    record Rejected(String reason) implements Outcome {
    }
}
