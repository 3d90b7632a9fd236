package io.fjord.build.api;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.fjord.build.webhook.WebhookSettings;
import io.fjord.platform.api.ApiException;

/**
 * {@code /api/apps/{app}/webhook}: which branch a webhook builds and the secrets it needs. PUT replaces
 * the settings; the secret is generated when left out and then shown in that answer only. GET never
 * shows a secret, deploy key or token.
 */
@Path("/api/apps/{app}/webhook")
@Produces(MediaType.APPLICATION_JSON)
public class WebhookSettingsResource {
    private final WebhookSettings settings;

    WebhookSettingsResource(WebhookSettings settings) {
        this.settings = settings;
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    public WebhookView put(@PathParam("app") String app, WebhookSettings.Input input) {
        if (input == null) {
            throw ApiException.badRequest("send {\"branch\": \"main\"} (secret, repositoryUrl, deployKey and token "
                    + "are optional)");
        }
        WebhookSettings.Saved saved = settings.put(app, input);
        return WebhookView.of(saved.settings(), saved.generatedSecret());
    }

    @GET
    public WebhookView get(@PathParam("app") String app) {
        return WebhookView.of(settings.get(app), null);
    }

    @DELETE
    public Response delete(@PathParam("app") String app) {
        settings.delete(app);
        return Response.noContent().build();
    }
}
