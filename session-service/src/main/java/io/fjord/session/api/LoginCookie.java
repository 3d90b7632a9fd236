package io.fjord.session.api;

/**
 * The browser's login cookie: HttpOnly (no script reads it), SameSite=Strict (no other site's page can
 * send it along, which is the CSRF defence), Path=/, and Secure when the browser came over TLS (nginx
 * says so in X-Forwarded-Proto). No Max-Age: it ends with the browser; the server ends it when idle.
 */
final class LoginCookie {
    static final String NAME = "fjord_session";

    private LoginCookie() {
    }

    static String set(String sessionId, boolean tls) {
        return NAME + "=" + sessionId + attributes(tls);
    }

    static String clear(boolean tls) {
        return NAME + "=; Max-Age=0" + attributes(tls);
    }

    private static String attributes(boolean tls) {
        return "; Path=/; HttpOnly; SameSite=Strict" + (tls ? "; Secure" : "");
    }

    static boolean overTls(String forwardedProto) {
        return "https".equalsIgnoreCase(forwardedProto);
    }
}
