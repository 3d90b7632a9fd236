package io.fjord.build.webhook;

import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.Repository;

import io.fjord.build.app.App;
import io.fjord.build.git.RemoteSource;
import io.fjord.build.git.RemoteSources;
import io.fjord.build.secrets.SecretBox;
import io.fjord.platform.api.ApiException;

/**
 * An app's webhook settings: the branch that builds, the secret deliveries are signed with, and what is
 * needed to fetch a private repository. Secrets are stored encrypted and never shown again, except a
 * generated secret, once, in the answer that made it.
 */
@ApplicationScoped
public class WebhookSettings {
    private static final int SECRET_BYTES = 32;
    private static final int MIN_SECRET = 16;
    private static final int MAX_SECRET = 256;
    private static final int MAX_TOKEN = 1024;
    private static final int MAX_DEPLOY_KEY = 16 * 1024;
    private static final Pattern PRINTABLE = Pattern.compile("^[\\x21-\\x7e]+$");
    private static final Pattern PASSWORD_IN_URL = Pattern.compile("^[a-z]+://[^/@]*:[^/@]*@.*$");

    /** The settings a PUT asks for; absent fields are null. */
    public record Input(String branch, String secret, String repositoryUrl, String deployKey, String token) {
    }

    /** Saved settings, with the secret when it was generated (the one time it is shown). */
    public record Saved(AppWebhook settings, String generatedSecret) {
    }

    /** The decrypted settings a delivery is checked and fetched with. */
    record Plain(String branch, String secret, String repositoryUrl, String deployKey, String token) {
    }

    private final SecretBox box;
    private final SecureRandom random = new SecureRandom();

    WebhookSettings(SecretBox box) {
        this.box = box;
    }

    /** Replaces the app's settings as a whole: what the PUT leaves out is not kept. */
    @Transactional
    public Saved put(String app, Input input) {
        requireApp(app);
        String branch = input.branch() == null ? "main" : input.branch().strip();
        if (branch.isEmpty() || branch.length() > 255 || !Repository.isValidRefName(Constants.R_HEADS + branch)) {
            throw ApiException.badRequest("branch must be a valid git branch name, such as main");
        }
        String generated = null;
        String secret = input.secret();
        if (secret == null) {
            byte[] bytes = new byte[SECRET_BYTES];
            random.nextBytes(bytes);
            secret = generated = HexFormat.of().formatHex(bytes);
        } else if (secret.length() < MIN_SECRET || secret.length() > MAX_SECRET || !PRINTABLE.matcher(secret).matches()) {
            throw ApiException.badRequest("secret must be " + MIN_SECRET + " to " + MAX_SECRET
                    + " printable characters without spaces; leave it out to have one generated");
        }
        String url = input.repositoryUrl();
        if (url != null) {
            if (PASSWORD_IN_URL.matcher(url).matches()) {
                throw ApiException.badRequest("repositoryUrl must not hold a password: send the token as 'token'");
            }
            if (!RemoteSource.isFetchable(url)) {
                throw ApiException.badRequest("repositoryUrl must be an https://, http://, ssh:// or git:// URL, "
                        + "or user@host:path");
            }
        }
        String deployKey = input.deployKey();
        if (deployKey != null) {
            if (deployKey.length() > MAX_DEPLOY_KEY || !deployKey.contains("PRIVATE KEY-----")) {
                throw ApiException.badRequest("deployKey must be a private key in PEM form "
                        + "(-----BEGIN OPENSSH PRIVATE KEY----- ...)");
            }
            try {
                RemoteSources.deployKey(deployKey);
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest(e.getMessage());
            }
        }
        String token = input.token();
        if (token != null && (token.length() > MAX_TOKEN || !PRINTABLE.matcher(token).matches())) {
            throw ApiException.badRequest("token must be at most " + MAX_TOKEN + " printable characters without spaces");
        }
        AppWebhook row = AppWebhook.findById(app);
        if (row == null) {
            row = new AppWebhook();
            row.app = app;
        }
        row.branch = branch;
        row.secret = box.seal(secret, context("secret", app));
        row.repositoryUrl = url;
        row.deployKey = deployKey == null ? null : box.seal(deployKey, context("deploy_key", app));
        row.token = token == null ? null : box.seal(token, context("token", app));
        row.updatedAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        row.persist();
        return new Saved(row, generated);
    }

    @Transactional
    public AppWebhook get(String app) {
        requireApp(app);
        AppWebhook row = AppWebhook.findById(app);
        if (row == null) {
            throw ApiException.notFound("app '" + app + "' has no webhook; PUT /api/apps/" + app + "/webhook sets one up");
        }
        return row;
    }

    @Transactional
    public void delete(String app) {
        requireApp(app);
        if (!AppWebhook.deleteById(app)) {
            throw ApiException.notFound("app '" + app + "' has no webhook");
        }
    }

    /** With the app: its secrets must not outlive it. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void forget(String app) {
        AppWebhook.deleteById(app);
    }

    /** The settings of an app that has a webhook, decrypted; null for any other name. */
    @Transactional
    Plain plain(String app) {
        AppWebhook row = App.exists(app) ? AppWebhook.findById(app) : null;
        if (row == null) {
            return null;
        }
        return new Plain(row.branch, box.open(row.secret, context("secret", app)), row.repositoryUrl,
                row.deployKey == null ? null : box.open(row.deployKey, context("deploy_key", app)),
                row.token == null ? null : box.open(row.token, context("token", app)));
    }

    private static String context(String column, String app) {
        return "app_webhook." + column + ":" + app;
    }

    private static void requireApp(String app) {
        if (!App.exists(app)) {
            throw ApiException.notFound("no app named '" + (app.length() > 40 ? app.substring(0, 40) + "..." : app)
                    + "'");
        }
    }
}
