package io.fjord.proxy.tls;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A certificate chain and its private key as nginx reads them. The key is a secret: it is written to a
 * file readable by root only and never shown, so {@link #toString()} leaves it out.
 *
 * @param chain the server's certificate first, then the intermediates, PEM
 * @param key the private key, PKCS#8 PEM
 */
public record Pem(String chain, String key) {

    /** One PEM block: {@code type} is {@code CERTIFICATE} or {@code PRIVATE KEY}. */
    public static String block(String type, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
    }

    @Override
    public String toString() {
        return "Pem[chain of " + chain.length() + " characters, key withheld]";
    }
}
