package io.fjord.build.builds;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Stores a build's process types as a JSON object in a TEXT column, in Procfile order. */
@Converter
public class ProcessesConverter implements AttributeConverter<Map<String, String>, String> {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<LinkedHashMap<String, String>> TYPE = new TypeReference<>() {
    };

    @Override
    public String convertToDatabaseColumn(Map<String, String> processes) {
        try {
            return processes == null ? null : JSON.writeValueAsString(processes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public Map<String, String> convertToEntityAttribute(String column) {
        try {
            return column == null ? Map.of() : JSON.readValue(column, TYPE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
