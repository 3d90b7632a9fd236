package io.fjord.session.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.fjord.events.BuildFailed;
import io.fjord.events.BuildSucceeded;
import io.fjord.events.RoutesChanged;

class AuditSummaryTest {
    private final ObjectMapper mapper = new ObjectMapper();

    private JsonNode json(Object data) {
        return mapper.valueToTree(data);
    }

    @Test
    void identifiersShowTheirValues() {
        String summary = AuditSummary.of(json(new BuildSucceeded("shop", 42, "fjord/shop:42", "sha256:abc", "0a1b2c",
                Map.of("web", "bin/server --password=hunter2"), 5000)));
        assertEquals("app=shop buildId=42 image=fjord/shop:42 imageId=sha256:abc commit=0a1b2c processes{web}"
                + " exposedPort=5000", summary);
        assertFalse(summary.contains("hunter2"));
    }

    @Test
    void otherFieldsShowTheirNamesOnly() {
        String summary = AuditSummary.of(json(new BuildFailed("shop", 7, null, "npm ERR! token=npm_secret")));
        assertEquals("app=shop buildId=7 commit reason", summary);
    }

    @Test
    void objectsShowTheirKeysAndArraysTheirLength() throws Exception {
        JsonNode data = mapper.readTree("{\"app\": \"shop\", \"set\": {\"DATABASE_URL\": \"postgres://u:pw@db/x\","
                + " \"SECRET_KEY\": \"s3cr3t\"}, \"unset\": [\"OLD\"], \"password\": \"hunter2\"}");
        String summary = AuditSummary.of(data);
        assertEquals("app=shop set{DATABASE_URL, SECRET_KEY} unset[1] password", summary);
        assertFalse(summary.contains("pw@") || summary.contains("s3cr3t") || summary.contains("hunter2"));
        assertEquals("app=shop generation=3 upstreams[1]", AuditSummary.of(json(new RoutesChanged("shop", 3,
                List.of(new RoutesChanged.Upstream("172.18.0.5", 5000))))));
    }

    @Test
    void controlCharactersAndLengthAreTamed() throws Exception {
        JsonNode data = mapper.readTree("{\"name\": \"a\\r\\nb\", \"app\": \"" + "x".repeat(200) + "\"}");
        String summary = AuditSummary.of(data);
        assertTrue(summary.startsWith("name=a??b app=" + "x".repeat(80) + "..."), summary);
        StringBuilder many = new StringBuilder("{");
        for (int i = 0; i < 200; i++) {
            many.append(i == 0 ? "" : ",").append("\"field").append(i).append("\": 1");
        }
        assertEquals(AuditSummary.MAX_LENGTH, AuditSummary.of(mapper.readTree(many.append("}").toString())).length());
    }

    @Test
    void dataThatIsNoObjectIsNamedByItsType() throws Exception {
        assertEquals("", AuditSummary.of(null));
        assertEquals("", AuditSummary.of(mapper.readTree("null")));
        assertEquals("(string)", AuditSummary.of(mapper.readTree("\"secret\"")));
        assertEquals("(array)", AuditSummary.of(mapper.readTree("[1]")));
    }
}
