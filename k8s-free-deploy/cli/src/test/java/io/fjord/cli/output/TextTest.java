package io.fjord.cli.output;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.fjord.cli.api.Json;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TextTest {
    @Test
    void alignsKeyValues() {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("Name", "shop");
        fields.put("Web URL", "http://shop.fjord.localhost/");
        fields.put("Note", "");
        assertEquals("Name:    shop\nWeb URL: http://shop.fjord.localhost/\nNote:\n", Text.keyValues(fields));
    }

    @Test
    void labelsCamelCase() {
        assertEquals("Created at", Text.label("createdAt"));
        assertEquals("Build id", Text.label("buildId"));
        assertEquals("Name", Text.label("name"));
    }

    @Test
    void showsJsonValuesAsText() throws Exception {
        JsonNode node = Json.MAPPER.readTree("{\"a\":[\"x\",\"y\"],\"b\":null,\"c\":3,\"d\":{\"e\":1}}");
        assertEquals("x, y", Text.value(node.get("a")));
        assertEquals("", Text.value(node.get("b")));
        assertEquals("", Text.value(node.get("missing")));
        assertEquals("3", Text.value(node.get("c")));
        assertEquals("{\"e\":1}", Text.value(node.get("d")));
    }

    @Test
    void showsTimesInTheUsersZone() {
        assertEquals("2025-11-23 10:04:05 +0000", Text.time("2025-11-23T10:04:05.123Z", ZoneOffset.UTC));
        assertEquals("2025-11-23 11:04:05 +0100", Text.time("2025-11-23T10:04:05Z", ZoneId.of("Europe/Oslo")));
        assertEquals("2025-11-23 10:04:05 +0000", Text.time("2025-11-23T11:04:05+01:00", ZoneOffset.UTC));
        assertEquals("yesterday", Text.time("yesterday", ZoneOffset.UTC));
        assertEquals("", Text.time(null, ZoneOffset.UTC));
    }

    @Test
    void formatsAnInfoViewOfAnyShape() throws Exception {
        JsonNode app = Json.MAPPER.readTree("{\"name\":\"shop\",\"createdAt\":\"2025-01-02T03:04:05Z\",\"domains\":[\"a.example\"]}");
        assertEquals("Name:       shop\nCreated at: 2025-01-02 03:04:05 +0000\nDomains:    a.example\n",
                Text.keyValues(Text.fields(app, ZoneOffset.UTC)));
    }

    @Test
    void shortensIds() {
        assertEquals("0123456", Text.shortId("0123456789abcdef", 7));
        assertEquals("abc", Text.shortId("abc", 7));
        assertEquals("", Text.shortId(null, 7));
    }
}
