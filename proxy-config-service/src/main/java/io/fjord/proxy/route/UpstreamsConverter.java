package io.fjord.proxy.route;

import java.util.List;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Stores a route's upstreams as the JSON column {@code [{"host": ..., "port": ...}]}. */
@Converter
public class UpstreamsConverter implements AttributeConverter<List<Upstream>, String> {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final TypeReference<List<Upstream>> TYPE = new TypeReference<>() {
    };

    @Override
    public String convertToDatabaseColumn(List<Upstream> upstreams) {
        try {
            return MAPPER.writeValueAsString(upstreams);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("upstreams cannot be written as JSON", e);
        }
    }

    @Override
    public List<Upstream> convertToEntityAttribute(String json) {
        try {
            return List.copyOf(MAPPER.readValue(json, TYPE));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the route table holds upstreams that are not valid JSON", e);
        }
    }
}
