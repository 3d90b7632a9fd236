package io.fjord.session.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LoginCookieTest {

    @Test
    void theCookieIsHttpOnlyAndStrictAndSecureOverTls() {
        assertEquals("fjord_session=abc; Path=/; HttpOnly; SameSite=Strict", LoginCookie.set("abc", false));
        assertEquals("fjord_session=abc; Path=/; HttpOnly; SameSite=Strict; Secure", LoginCookie.set("abc", true));
    }

    @Test
    void clearingUsesTheSameAttributes() {
        assertEquals("fjord_session=; Max-Age=0; Path=/; HttpOnly; SameSite=Strict; Secure", LoginCookie.clear(true));
    }

    @Test
    void tlsIsWhatNginxSaysInXForwardedProto() {
        assertTrue(LoginCookie.overTls("https"));
        assertTrue(LoginCookie.overTls("HTTPS"));
        assertFalse(LoginCookie.overTls("http"));
        assertFalse(LoginCookie.overTls(null));
    }
}
