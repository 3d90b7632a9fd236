package io.fjord.build.webhook;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.jgit.lib.Constants;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.fjord.build.builds.Build;
import io.fjord.build.builds.BuildRecords;
import io.fjord.build.builds.BuildRunner;
import io.fjord.build.git.RemoteSource;
import io.fjord.build.git.RemoteSources;
import io.fjord.platform.api.ApiException;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Takes a webhook delivery: checks its signature with the app's secret before anything else, answers
 * events other than a push to the app's branch without a build, records the delivery so a redelivery is
 * not built twice, and queues a build that fetches the pushed commit.
 */
@ApplicationScoped
public class Webhooks {
    private static final Logger LOG = Logger.getLogger(Webhooks.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern COMMIT = Pattern.compile("^[0-9a-f]{40}([0-9a-f]{24})?$");
    private static final Pattern DELIVERY = Pattern.compile("^[\\x21-\\x7e]{1,128}$");

    /** The answer: an HTTP status and a small JSON object. */
    public record Outcome(int status, Map<String, Object> body) {
    }

    private final WebhookSettings settings;
    private final BuildRecords records;
    private final BuildRunner runner;
    private final RemoteSources remotes;

    Webhooks(WebhookSettings settings, BuildRecords records, BuildRunner runner, RemoteSources remotes) {
        this.settings = settings;
        this.records = records;
        this.runner = runner;
        this.remotes = remotes;
    }

    public Outcome receive(String providerName, String app, UnaryOperator<String> headers, String contentType,
            byte[] body) {
        Provider provider = Provider.named(providerName).orElseThrow(() -> ApiException.notFound(
                "no webhook provider '" + shown(providerName) + "': use github, gitea, gitlab or bitbucket"));
        WebhookSettings.Plain hook = settings.plain(app);
        if (hook == null) {
            throw ApiException.notFound("no webhook is set up for app '" + shown(app) + "'");
        }
        try {
            provider.verify(headers, body, hook.secret());
        } catch (Provider.SignatureRefused e) {
            LOG.infof("webhook %s/%s refused: %s", provider.label(), app, e.getMessage());
            throw new ApiException(401, e.getMessage());
        }
        String event = provider.event(headers);
        if (!provider.isPush(event)) {
            return ignored(event == null ? "no " + provider.eventHeader() + " header" : "event '" + shown(event)
                    + "' is not a push", event);
        }
        PushEvent push = provider.push(payload(contentType, body));
        String ref = Constants.R_HEADS + hook.branch();
        PushEvent.RefUpdate update = push.updateOf(ref).orElse(null);
        if (update == null) {
            return ignored("the push did not change " + ref + ", the branch this app builds", event);
        }
        if (update.deleted()) {
            return ignored(ref + " was deleted", event);
        }
        if (!COMMIT.matcher(update.commit()).matches()) {
            throw ApiException.badRequest("the payload's commit id is not a full hex commit id");
        }
        String url = hook.repositoryUrl() != null ? hook.repositoryUrl()
                : hook.deployKey() != null ? push.sshUrl() : push.httpUrl();
        if (!RemoteSource.isFetchable(url)) {
            throw ApiException.badRequest("the payload names no repository URL to fetch from; "
                    + "set repositoryUrl in PUT /api/apps/" + app + "/webhook");
        }
        String deliveryId = deliveryId(provider, headers, body);
        Build build = QuarkusTransaction.requiringNew().call(() -> {
            if (!WebhookDelivery.recordOnce(provider.label(), deliveryId, app)) {
                return null;
            }
            Build created = records.create(app, update.commit());
            WebhookDelivery.update("buildId = ?1 where provider = ?2 and deliveryId = ?3", created.id,
                    provider.label(), deliveryId);
            return created;
        });
        if (build == null) {
            return new Outcome(200, Map.of("status", "duplicate", "delivery", deliveryId));
        }
        RemoteSource remote = new RemoteSource(url, update.commit(), hook.branch(), hook.deployKey(),
                provider.tokenUser(), hook.token());
        String label = push.webUrl() != null && hook.repositoryUrl() == null ? push.webUrl() : RemoteSource.shown(url);
        runner.enqueue(build, remotes.of(remote), label);
        LOG.infof("webhook %s/%s delivery %s: build %d of %s", provider.label(), app, deliveryId, build.id,
                update.commit());
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("status", "queued");
        answer.put("build", build.id);
        answer.put("commit", update.commit());
        answer.put("log", "/api/builds/" + build.id + "/log");
        return new Outcome(202, answer);
    }

    private static Outcome ignored(String reason, String event) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("status", "ignored");
        answer.put("reason", reason);
        if (event != null) {
            answer.put("event", shown(event));
        }
        return new Outcome(200, answer);
    }

    /** JSON, or GitHub's form encoding ({@code payload=<json>}); the signature covered the bytes as sent. */
    private static JsonNode payload(String contentType, byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8);
        if (contentType != null && contentType.toLowerCase().startsWith("application/x-www-form-urlencoded")) {
            text = null;
            for (String field : new String(body, StandardCharsets.US_ASCII).split("&")) {
                if (field.startsWith("payload=")) {
                    text = URLDecoder.decode(field.substring("payload=".length()), StandardCharsets.UTF_8);
                }
            }
            if (text == null) {
                throw ApiException.badRequest("the form has no payload field");
            }
        }
        try {
            JsonNode json = JSON.readTree(text);
            if (json == null || !json.isObject()) {
                throw ApiException.badRequest("the payload is not a JSON object");
            }
            return json;
        } catch (IOException e) {
            throw ApiException.badRequest("the payload is not JSON");
        }
    }

    /** The provider's delivery id; without one, the body's digest, so the same delivery is still seen twice. */
    private static String deliveryId(Provider provider, UnaryOperator<String> headers, byte[] body) {
        String id = provider.deliveryId(headers);
        if (id != null && DELIVERY.matcher(id).matches()) {
            return id;
        }
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String shown(String text) {
        String printable = text.replaceAll("[^\\x20-\\x7e]", "?");
        return printable.length() > 40 ? printable.substring(0, 40) + "..." : printable;
    }
}
