package io.fjord.deploy.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.TreeMap;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/** A formation as a JSON object in a TEXT column (MariaDB has no JSON type of its own). */
@Converter
public class FormationConverter implements AttributeConverter<Map<String, Integer>, String> {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<TreeMap<String, Integer>> TYPE = new TypeReference<>() {
    };

    @Override
    public String convertToDatabaseColumn(Map<String, Integer> formation) {
        try {
            return formation == null ? null : JSON.writeValueAsString(new TreeMap<>(formation));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public Map<String, Integer> convertToEntityAttribute(String column) {
        try {
            return column == null ? null : JSON.readValue(column, TYPE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
