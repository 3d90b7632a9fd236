package io.fjord.deploy.release;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A Procfile as a JSON object in a TEXT column: MariaDB has no JSON type of its own, and the MySQL
 * dialect's {@code CAST(? AS JSON)} is not valid there.
 */
@Converter
public class ProcessesConverter implements AttributeConverter<Map<String, String>, String> {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, String>> TYPE = new TypeReference<>() {
    };

    @Override
    public String convertToDatabaseColumn(Map<String, String> processes) {
        try {
            return JSON.writeValueAsString(processes == null ? Map.of() : processes);
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
