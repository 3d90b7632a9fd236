package io.fjord.deploy.release;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.fjord.events.RoutesChanged.Upstream;

/** The last announced upstreams, as the app row keeps them. */
final class RoutesJson {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<List<Upstream>> TYPE = new TypeReference<>() {
    };

    private RoutesJson() {
    }

    static String write(List<Upstream> upstreams) {
        try {
            return JSON.writeValueAsString(upstreams);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Upstream> read(String json) {
        try {
            return json == null ? List.of() : JSON.readValue(json, TYPE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
