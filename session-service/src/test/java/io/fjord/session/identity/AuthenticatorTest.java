package io.fjord.session.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AuthenticatorTest {

    @ParameterizedTest
    @ValueSource(strings = {"Bearer fjord_abc", "bearer fjord_abc", "BEARER  fjord_abc", "Bearer fjord_abc "})
    void theBearerSchemeGivesTheToken(String header) {
        assertEquals(Optional.of("fjord_abc"), Authenticator.bearerToken(header));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "fjord_abc", "Basic Zm9vOmJhcg==", "Bearer", "Bearer ", "Bearer a b", "Bearerfjord_abc",
            "Token fjord_abc"})
    void anythingElseGivesNone(String header) {
        assertEquals(Optional.empty(), Authenticator.bearerToken(header));
    }
}
