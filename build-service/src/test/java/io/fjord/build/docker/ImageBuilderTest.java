package io.fjord.build.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Test;

class ImageBuilderTest {

    @Test
    void theLabelsBecomeOneLabelStepOnTopOfTheBuiltImage() throws IOException {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("io.fjord.app", "shop");
        labels.put("org.opencontainers.image.source", "https://example.com/a \"b\" $HOME\\x\n");
        labels.put("org.opencontainers.image.created", "2026-11-23T10:00:00Z");
        try (TarArchiveInputStream tar = new TarArchiveInputStream(new ByteArrayInputStream(
                ImageBuilder.labelContext("sha256:0123abcd", labels)))) {
            assertEquals("Dockerfile", tar.getNextEntry().getName());
            assertEquals("FROM sha256:0123abcd\nLABEL \"io.fjord.app\"=\"shop\" "
                    + "\"org.opencontainers.image.source\"=\"https://example.com/a \\\"b\\\" \\$HOME\\\\x\" "
                    + "\"org.opencontainers.image.created\"=\"2026-11-23T10:00:00Z\"\n",
                    new String(tar.readAllBytes(), StandardCharsets.UTF_8));
        }
    }
}
