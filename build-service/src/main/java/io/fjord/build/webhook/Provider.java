package io.fjord.build.webhook;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The git hosts whose push webhooks Fjord takes, each with its own headers, signature and payload:
 * <ul>
 * <li>GitHub: {@code X-Hub-Signature-256: sha256=<hex HMAC>}, {@code X-GitHub-Event: push},
 * {@code X-GitHub-Delivery}; payload {@code ref}, {@code after}, {@code repository.clone_url/ssh_url}.
 * <li>Gitea: {@code X-Gitea-Signature: <hex HMAC>}, {@code X-Gitea-Event: push}, {@code X-Gitea-Delivery};
 * payload as GitHub's.
 * <li>GitLab: {@code X-Gitlab-Token: <the secret>}, {@code X-Gitlab-Event: Push Hook},
 * {@code X-Gitlab-Event-UUID}; payload {@code ref}, {@code checkout_sha}, {@code project.git_http_url/git_ssh_url}.
 * <li>Bitbucket Cloud: {@code X-Hub-Signature: sha256=<hex HMAC>}, {@code X-Event-Key: repo:push},
 * {@code X-Request-UUID}; payload {@code push.changes[].new.{type,name,target.hash}}.
 * </ul>
 * Headers are read through a case-insensitive lookup; the HMACs cover the body's raw bytes.
 */
public enum Provider {
    GITHUB("X-GitHub-Event", "push", "X-GitHub-Delivery", "x-access-token") {
        @Override
        void verify(UnaryOperator<String> headers, byte[] body, String secret) {
            checkHmac(headers, "X-Hub-Signature-256", "sha256=", body, secret);
        }

        @Override
        PushEvent push(JsonNode payload) {
            return githubStyle(payload);
        }
    },
    GITEA("X-Gitea-Event", "push", "X-Gitea-Delivery", "fjord") {
        @Override
        void verify(UnaryOperator<String> headers, byte[] body, String secret) {
            checkHmac(headers, "X-Gitea-Signature", "", body, secret);
        }

        @Override
        PushEvent push(JsonNode payload) {
            return githubStyle(payload);
        }
    },
    GITLAB("X-Gitlab-Event", "Push Hook", "X-Gitlab-Event-UUID", "oauth2") {
        @Override
        void verify(UnaryOperator<String> headers, byte[] body, String secret) {
            String token = headers.apply("X-Gitlab-Token");
            if (token == null) {
                throw new SignatureRefused("the X-Gitlab-Token header is missing: set the webhook's secret token "
                        + "in GitLab");
            }
            if (!Signatures.tokenMatches(secret, token)) {
                throw new SignatureRefused("X-Gitlab-Token does not match this app's webhook secret");
            }
        }

        @Override
        PushEvent push(JsonNode payload) {
            JsonNode project = payload.path("project").isObject() ? payload.path("project")
                    : payload.path("repository");
            String commit = text(payload, "checkout_sha");
            String after = text(payload, "after");
            if (commit == null && after != null && !ZEROS.matcher(after).matches()) {
                commit = after;
            }
            return new PushEvent(update(text(payload, "ref"), commit), text(project, "git_http_url"),
                    text(project, "git_ssh_url"), text(project, "web_url"));
        }
    },
    BITBUCKET("X-Event-Key", "repo:push", "X-Request-UUID", "x-token-auth") {
        @Override
        void verify(UnaryOperator<String> headers, byte[] body, String secret) {
            checkHmac(headers, "X-Hub-Signature", "sha256=", body, secret);
        }

        /** Bitbucket sends no clone URL: it is the web address (which git also clones) or git@bitbucket.org:. */
        @Override
        PushEvent push(JsonNode payload) {
            List<PushEvent.RefUpdate> updates = new ArrayList<>();
            for (JsonNode change : payload.path("push").path("changes")) {
                JsonNode now = change.path("new");
                JsonNode before = change.path("old");
                JsonNode ref = now.isObject() ? now : before;
                String prefix = "branch".equals(text(ref, "type")) ? "refs/heads/"
                        : "tag".equals(text(ref, "type")) ? "refs/tags/" : null;
                if (prefix != null && text(ref, "name") != null) {
                    updates.add(new PushEvent.RefUpdate(prefix + text(ref, "name"),
                            now.isObject() ? commitOrNull(text(now.path("target"), "hash")) : null));
                }
            }
            JsonNode repository = payload.path("repository");
            String web = text(repository.path("links").path("html"), "href");
            String fullName = text(repository, "full_name");
            return new PushEvent(List.copyOf(updates), web, fullName == null ? null
                    : "git@bitbucket.org:" + fullName + ".git", web);
        }
    };

    private static final Pattern ZEROS = Pattern.compile("^0+$");

    private final String eventHeader;
    private final String pushEvent;
    private final String deliveryHeader;
    private final String tokenUser;

    Provider(String eventHeader, String pushEvent, String deliveryHeader, String tokenUser) {
        this.eventHeader = eventHeader;
        this.pushEvent = pushEvent;
        this.deliveryHeader = deliveryHeader;
        this.tokenUser = tokenUser;
    }

    public static Optional<Provider> named(String name) {
        for (Provider provider : values()) {
            if (provider.label().equals(name)) {
                return Optional.of(provider);
            }
        }
        return Optional.empty();
    }

    /** As in the URL: {@code /webhooks/github/<app>}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Throws {@link SignatureRefused} unless the delivery carries this app's secret. */
    abstract void verify(UnaryOperator<String> headers, byte[] body, String secret);

    /** The push in a parsed payload. */
    abstract PushEvent push(JsonNode payload);

    String event(UnaryOperator<String> headers) {
        return headers.apply(eventHeader);
    }

    boolean isPush(String event) {
        return pushEvent.equals(event);
    }

    /** The user name that goes with an access token over HTTPS at this host. */
    String tokenUser() {
        return tokenUser;
    }

    String eventHeader() {
        return eventHeader;
    }

    String deliveryId(UnaryOperator<String> headers) {
        return headers.apply(deliveryHeader);
    }

    private static void checkHmac(UnaryOperator<String> headers, String header, String prefix, byte[] body,
            String secret) {
        String given = headers.apply(header);
        if (given == null) {
            throw new SignatureRefused("the " + header + " header is missing: set the webhook's secret at the "
                    + "git host to this app's webhook secret");
        }
        if (!given.startsWith(prefix)) {
            throw new SignatureRefused(header + " must be " + (prefix.isEmpty() ? "" : prefix) + "<hex HMAC-SHA256>");
        }
        if (!Signatures.hmacMatches(secret, body, given.substring(prefix.length()))) {
            throw new SignatureRefused(header + " does not match the body signed with this app's webhook secret");
        }
    }

    /** GitHub's push payload, which Gitea copies. */
    private static PushEvent githubStyle(JsonNode payload) {
        String after = text(payload, "after");
        boolean deleted = payload.path("deleted").asBoolean(false) || after == null || ZEROS.matcher(after).matches();
        JsonNode repository = payload.path("repository");
        return new PushEvent(update(text(payload, "ref"), deleted ? null : after), text(repository, "clone_url"),
                text(repository, "ssh_url"), text(repository, "html_url"));
    }

    private static List<PushEvent.RefUpdate> update(String ref, String commit) {
        return ref == null ? List.of() : List.of(new PushEvent.RefUpdate(ref, commitOrNull(commit)));
    }

    private static String commitOrNull(String commit) {
        return commit == null || ZEROS.matcher(commit).matches() ? null : commit;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isTextual() && !value.asText().isEmpty() ? value.asText() : null;
    }

    /** The delivery is not from the git host, or not signed with this app's secret; the message says which. */
    public static class SignatureRefused extends RuntimeException {
        SignatureRefused(String message) {
            super(message);
        }
    }
}
