package io.fjord.build.api;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.fjord.build.builds.BuildConfig;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;

/**
 * Refuses an upload whose Content-Length is over the limit with the API's JSON error, before Quarkus's
 * own body-size check (route order -2) would answer an empty 413. A chunked body without a length is
 * cut off by Quarkus's check as it streams in.
 */
@ApplicationScoped
public class UploadSizeLimit {

    void install(@Observes Router router, BuildConfig config) {
        long limit = config.maxUploadSize().asLongValue();
        String error = "{\"error\":\"the archive is larger than " + limit / (1024 * 1024) + " MiB\"}";
        router.post("/api/apps/:app/builds").order(-3).handler(context -> {
            String length = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
            if (length != null && isOver(length, limit)) {
                context.response().setStatusCode(413)
                        .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                        .putHeader(HttpHeaders.CONNECTION, "close")
                        .end(error);
            } else {
                context.next();
            }
        });
    }

    private static boolean isOver(String length, long limit) {
        try {
            return Long.parseLong(length.strip()) > limit;
        } catch (NumberFormatException e) {
            return false; // not ours to judge: the HTTP layer refuses a malformed length
        }
    }
}
