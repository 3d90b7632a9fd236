package io.fjord.build.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The providers' documented payloads and signatures, checked without a network. */
class ProviderTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SECRET = "It's a Secret to Everybody";

    static JsonNode sample(String name) throws IOException {
        try (InputStream in = ProviderTest.class.getResourceAsStream("/webhooks/" + name)) {
            return JSON.readTree(in);
        }
    }

    private static UnaryOperator<String> headers(Map<String, String> values) {
        Map<String, String> caseless = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        caseless.putAll(values);
        return caseless::get;
    }

    @Test
    void githubsOwnExampleSignatureIsAccepted() {
        // From GitHub's docs ("Validating webhook deliveries"): this secret and body give this signature.
        byte[] body = "Hello, World!".getBytes(StandardCharsets.UTF_8);
        String signature = "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17";
        Provider.GITHUB.verify(headers(Map.of("X-Hub-Signature-256", signature)), body, SECRET);
        Provider.BITBUCKET.verify(headers(Map.of("X-Hub-Signature", signature)), body, SECRET);
        Provider.GITEA.verify(headers(Map.of("X-Gitea-Signature", signature.substring(7))), body, SECRET);
    }

    @Test
    void wrongMissingOrMalformedSignaturesAreRefused() {
        byte[] body = "Hello, World!".getBytes(StandardCharsets.UTF_8);
        String good = "sha256=" + HexFormat.of().formatHex(Signatures.hmacSha256(SECRET, body));
        String other = "sha256=" + HexFormat.of().formatHex(Signatures.hmacSha256("another secret", body));
        assertTrue(refused(Provider.GITHUB, Map.of("X-Hub-Signature-256", other), body).contains("does not match"));
        assertTrue(refused(Provider.GITHUB, Map.of(), body).contains("X-Hub-Signature-256 header is missing"));
        assertTrue(refused(Provider.GITHUB, Map.of("X-Hub-Signature-256", good.substring(7)), body)
                .contains("must be sha256="));
        assertTrue(refused(Provider.GITHUB, Map.of("X-Hub-Signature-256", "sha256=zz"), body).contains("does not match"));
        // The same signature over a body changed by one byte.
        byte[] changed = "Hello, World?".getBytes(StandardCharsets.UTF_8);
        assertTrue(refused(Provider.GITHUB, Map.of("X-Hub-Signature-256", good), changed).contains("does not match"));
        // GitHub's older SHA-1 header is not enough.
        assertTrue(refused(Provider.GITHUB, Map.of("X-Hub-Signature", "sha1=abc"), body).contains("missing"));
        assertTrue(refused(Provider.BITBUCKET, Map.of("X-Hub-Signature-256", good), body).contains("X-Hub-Signature header"));
        assertTrue(refused(Provider.GITEA, Map.of("X-Gitea-Signature", other.substring(7)), body).contains("does not match"));
        assertTrue(refused(Provider.GITLAB, Map.of("X-Gitlab-Token", SECRET + "x"), body).contains("does not match"));
        assertTrue(refused(Provider.GITLAB, Map.of(), body).contains("X-Gitlab-Token header is missing"));
        Provider.GITLAB.verify(headers(Map.of("x-gitlab-token", SECRET)), body, SECRET);
    }

    private static String refused(Provider provider, Map<String, String> given, byte[] body) {
        return assertThrows(Provider.SignatureRefused.class, () -> provider.verify(headers(given), body, SECRET))
                .getMessage();
    }

    @Test
    void readsThePushOfEachProvidersPayload() throws IOException {
        String commit = "2d1e3f4a5b6c7d8e9f0a1b2c3d4e5f6a7b8c9d0e";
        ObjectNode github = (ObjectNode) sample("github-push.json");
        github.put("after", commit);
        assertEquals(new PushEvent(List.of(new PushEvent.RefUpdate("refs/heads/main", commit)),
                "https://github.com/octocat/shop.git", "git@github.com:octocat/shop.git",
                "https://github.com/octocat/shop"), Provider.GITHUB.push(github));

        ObjectNode gitea = (ObjectNode) sample("gitea-push.json");
        gitea.put("after", commit);
        PushEvent giteaPush = Provider.GITEA.push(gitea);
        assertEquals("ssh://git@gitea.example.com:2222/gitea/shop.git", giteaPush.sshUrl());
        assertEquals(commit, giteaPush.updateOf("refs/heads/main").orElseThrow().commit());

        ObjectNode gitlab = (ObjectNode) sample("gitlab-push.json");
        gitlab.put("checkout_sha", commit);
        gitlab.put("after", commit);
        assertEquals(new PushEvent(List.of(new PushEvent.RefUpdate("refs/heads/main", commit)),
                "https://gitlab.example.com/mike/shop.git", "git@gitlab.example.com:mike/shop.git",
                "https://gitlab.example.com/mike/shop"), Provider.GITLAB.push(gitlab));

        ObjectNode bitbucket = (ObjectNode) sample("bitbucket-push.json");
        ((ObjectNode) bitbucket.at("/push/changes/0/new/target")).put("hash", commit);
        assertEquals(new PushEvent(List.of(new PushEvent.RefUpdate("refs/heads/main", commit)),
                "https://bitbucket.org/emma/shop", "git@bitbucket.org:emma/shop.git", "https://bitbucket.org/emma/shop"),
                Provider.BITBUCKET.push(bitbucket));
    }

    @Test
    void aDeletedBranchHasNoCommit() throws IOException {
        ObjectNode github = (ObjectNode) sample("github-push.json");
        github.put("deleted", true);
        assertTrue(Provider.GITHUB.push(github).updateOf("refs/heads/main").orElseThrow().deleted());

        ObjectNode gitlab = (ObjectNode) sample("gitlab-push.json");
        gitlab.putNull("checkout_sha");
        assertTrue(Provider.GITLAB.push(gitlab).updateOf("refs/heads/main").orElseThrow().deleted());

        ObjectNode bitbucket = (ObjectNode) sample("bitbucket-push.json");
        ((ObjectNode) bitbucket.at("/push/changes/0")).putNull("new");
        assertTrue(Provider.BITBUCKET.push(bitbucket).updateOf("refs/heads/main").orElseThrow().deleted());
    }

    @Test
    void eventsAndDeliveryIdsComeFromEachProvidersHeaders() {
        assertTrue(Provider.GITHUB.isPush(Provider.GITHUB.event(headers(Map.of("X-GitHub-Event", "push")))));
        assertFalse(Provider.GITHUB.isPush(Provider.GITHUB.event(headers(Map.of("X-GitHub-Event", "ping")))));
        assertTrue(Provider.GITLAB.isPush(Provider.GITLAB.event(headers(Map.of("X-Gitlab-Event", "Push Hook")))));
        assertFalse(Provider.GITLAB.isPush(Provider.GITLAB.event(headers(Map.of("X-Gitlab-Event", "Tag Push Hook")))));
        assertTrue(Provider.BITBUCKET.isPush(Provider.BITBUCKET.event(headers(Map.of("X-Event-Key", "repo:push")))));
        assertEquals("d5a7", Provider.GITEA.deliveryId(headers(Map.of("X-Gitea-Delivery", "d5a7"))));
        assertEquals("u-1", Provider.GITLAB.deliveryId(headers(Map.of("X-Gitlab-Event-UUID", "u-1"))));
        assertEquals("r-1", Provider.BITBUCKET.deliveryId(headers(Map.of("X-Request-UUID", "r-1"))));
        assertEquals(Provider.GITHUB, Provider.named("github").orElseThrow());
        assertTrue(Provider.named("GitHub").isEmpty());
    }
}
