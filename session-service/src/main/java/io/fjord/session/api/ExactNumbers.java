package io.fjord.session.api;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;

import io.quarkus.jackson.ObjectMapperCustomizer;

/**
 * A session store gives back what it was given: decimals stay BigDecimal with their trailing zeros
 * ({@code 1.10} stays {@code 1.10}) instead of becoming doubles.
 */
@Singleton
public class ExactNumbers implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
        mapper.configure(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false);
    }
}
