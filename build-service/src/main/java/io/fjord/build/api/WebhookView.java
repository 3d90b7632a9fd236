package io.fjord.build.api;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.fjord.build.webhook.AppWebhook;

/**
 * An app's webhook settings as the API shows them: whether a deploy key and a token are set, never what
 * they are; {@code secret} only in the answer that generated it.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WebhookView(String app, String branch, String repositoryUrl, boolean deployKey, boolean token,
        List<String> endpoints, Instant updatedAt, String secret) {

    static WebhookView of(AppWebhook row, String generatedSecret) {
        List<String> endpoints = List.of("github", "gitea", "gitlab", "bitbucket").stream()
                .map(provider -> "/webhooks/" + provider + "/" + row.app).toList();
        return new WebhookView(row.app, row.branch, row.repositoryUrl, row.deployKey != null, row.token != null,
                endpoints, row.updatedAt, generatedSecret);
    }
}
