package io.fjord.build.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.fjord.build.webhook.Webhooks;
import io.fjord.platform.api.ApiException;
import io.smallrye.common.annotation.Blocking;

/**
 * {@code POST /webhooks/{provider}/{app}}: push notifications from GitHub, Gitea, GitLab and Bitbucket.
 * The body is read as raw bytes, since the signature covers exactly those.
 */
@Path("/webhooks")
@Produces(MediaType.APPLICATION_JSON)
public class WebhookResource {
    /** GitHub caps a delivery at 25 MB; nginx allows the same. */
    private static final int MAX_BODY = 25 * 1024 * 1024;

    private final Webhooks webhooks;

    WebhookResource(Webhooks webhooks) {
        this.webhooks = webhooks;
    }

    @POST
    @Path("/{provider}/{app}")
    @Blocking
    public Response receive(@PathParam("provider") String provider, @PathParam("app") String app,
            @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, @Context HttpHeaders headers, InputStream body) {
        Webhooks.Outcome outcome = webhooks.receive(provider, app, headers::getHeaderString, contentType, read(body));
        return Response.status(outcome.status()).entity(outcome.body()).build();
    }

    private static byte[] read(InputStream body) {
        try {
            byte[] bytes = body.readNBytes(MAX_BODY + 1);
            if (bytes.length > MAX_BODY) {
                throw new ApiException(413, "the delivery is larger than 25 MiB");
            }
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
