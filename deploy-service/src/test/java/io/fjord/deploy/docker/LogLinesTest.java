package io.fjord.deploy.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

class LogLinesTest {

    @Test
    void tagsEachLineAndWaitsForTheRestOfAPartialOne() {
        LogLines lines = new LogLines("web", 2, "0123456789ab");

        assertEquals(List.of("web.2 0123456789ab| GET /\n"), lines.accept(bytes("GET /\nGET /u")));
        assertEquals(List.of("web.2 0123456789ab| GET /up\n", "web.2 0123456789ab| \n"), lines.accept(bytes("p\r\n\n")));
        assertEquals(List.of(), lines.accept(bytes("last")));
        assertEquals(List.of("web.2 0123456789ab| last\n"), lines.flush());
        assertEquals(List.of(), lines.flush());
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
