package io.fjord.session.support;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/** The platform kit's EdgeAuthFilter switched on, as in production. */
public class EdgeOn implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("fjord.auth.enabled", "true");
    }
}
