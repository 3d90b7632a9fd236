package io.fjord.build.ssh;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.fjord.build.source.Trees;
import io.fjord.build.testing.Sshd;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
class KeyApiTest {
    @Inject
    SshConfig ssh;

    Path work;

    @BeforeEach
    void prepare() throws Exception {
        work = Files.createTempDirectory("fjord-key-test-");
    }

    @AfterEach
    void cleanUp() {
        given().get("/api/keys").jsonPath().getList("id", Long.class)
                .forEach(id -> given().delete("/api/keys/{id}", id));
        Trees.deleteQuietly(work);
    }

    private String publicKey(String name) throws Exception {
        return Files.readString(Path.of(Sshd.newKey(work, name) + ".pub"));
    }

    private String authorizedKeys() throws Exception {
        return Files.readString(ssh.authorizedKeys());
    }

    @Test
    void aKeyIsRegisteredListedWrittenForcedAndRemoved() throws Exception {
        String key = publicKey("alice");
        String[] parts = key.strip().split(" ");
        var created = given().contentType(ContentType.JSON).body(Map.of("publicKey", key))
                .post("/api/keys").then().statusCode(201)
                .body("name", equalTo("alice@fjord-test"))
                .body("type", equalTo("ssh-ed25519"))
                .body("bits", equalTo(256))
                .body("fingerprint", org.hamcrest.Matchers.startsWith("SHA256:"))
                .body("publicKey", equalTo(parts[0] + " " + parts[1]))
                .extract();
        long id = created.jsonPath().getLong("id");
        assertTrue(created.header("Location").endsWith("/api/keys/" + id));
        given().get("/api/keys").then().statusCode(200).body("id", hasItem((int) id));

        String file = authorizedKeys();
        assertTrue(file.contains("command=\"" + ssh.command() + " " + id + " "), file);
        assertTrue(file.contains(",no-port-forwarding,no-X11-forwarding,no-agent-forwarding,no-pty,no-user-rc,restrict "
                + parts[0] + " " + parts[1] + "\n"), file);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(ssh.authorizedKeys())));

        given().delete("/api/keys/{id}", id).then().statusCode(204);
        given().get("/api/keys").then().body("id", not(hasItem((int) id)));
        assertFalse(authorizedKeys().contains(parts[1]));
        given().delete("/api/keys/{id}", id).then().statusCode(404).body("error", containsString("no key"));
        given().delete("/api/keys/{id}", "abc").then().statusCode(404);
    }

    @Test
    void theSameKeyTwiceIsAConflict() throws Exception {
        String key = publicKey("alice");
        long id = given().contentType(ContentType.JSON).body(Map.of("publicKey", key, "name", "laptop"))
                .post("/api/keys").then().statusCode(201).body("name", equalTo("laptop"))
                .extract().jsonPath().getLong("id");
        // Another comment does not make another key.
        String sameKeyOtherComment = key.strip().replace("alice@fjord-test", "someone-else");
        given().contentType(ContentType.JSON).body(Map.of("publicKey", sameKeyOtherComment))
                .post("/api/keys").then().statusCode(409).body("error", containsString("already registered (id " + id));
        assertEquals(1, given().get("/api/keys").jsonPath().getList("id").size());
    }

    @Test
    void badKeysAreRefusedAndNothingIsWritten() throws Exception {
        String before = authorizedKeys();
        Path privateKey = Sshd.newKey(work, "secret");
        String key = publicKey("alice").strip();
        Map<String, String> refusals = Map.of(
                Files.readString(privateKey), "private key",
                "command=\"/bin/sh\" " + key, "options",
                key + "\n" + key, "one line",
                "ssh-dss AAAAB3NzaC1kc3MAAACBAP", "unsupported key type",
                "ssh-ed25519 bm90IGEga2V5", "not a valid ssh-ed25519 key",
                "ssh-ed25519 !!!", "base64");
        refusals.forEach((text, error) -> given().contentType(ContentType.JSON).body(Map.of("publicKey", text))
                .post("/api/keys").then().statusCode(400).body("error", containsString(error)));
        given().contentType(ContentType.JSON).body("{}").post("/api/keys").then().statusCode(400)
                .body("error", containsString("publicKey is required"));
        given().contentType(ContentType.JSON).body("{\"publicKey\": ").post("/api/keys").then().statusCode(400);
        given().contentType(ContentType.JSON).body(Map.of("publicKey", key, "name", "x".repeat(101)))
                .post("/api/keys").then().statusCode(400).body("error", containsString("name"));
        assertEquals(0, given().get("/api/keys").jsonPath().getList("id").size());
        assertEquals(before, authorizedKeys());
    }
}
