package io.fjord.build.ssh;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.BufferUnderflowException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * An SSH public key as a user pastes it ({@code ssh-ed25519 AAAA... comment}), checked strictly before it
 * may go into authorized_keys: a supported type, base64 that decodes to a well-formed key of that same
 * type, RSA of at least 2048 bits, no options, one line. The fingerprint is OpenSSH's
 * ({@code SHA256:...}, as {@code ssh-keygen -lf} prints it).
 */
public record PublicKey(String type, String base64, String comment, int bits, String fingerprint) {
    static final int MIN_RSA_BITS = 2048;
    private static final int MAX_LENGTH = 16 * 1024;
    private static final int MAX_COMMENT = 255;
    /** The NIST curves and their point sizes (uncompressed: 0x04, x, y). */
    private static final Map<String, Integer> ECDSA = Map.of("ecdsa-sha2-nistp256", 65, "ecdsa-sha2-nistp384", 97,
            "ecdsa-sha2-nistp521", 133);
    private static final Map<String, Integer> ECDSA_BITS = Map.of("ecdsa-sha2-nistp256", 256, "ecdsa-sha2-nistp384",
            384, "ecdsa-sha2-nistp521", 521);
    private static final Pattern BASE64 = Pattern.compile("^[A-Za-z0-9+/]+={0,2}$");

    /** Parses and checks {@code text}; throws {@link InvalidKey} with a message the user can act on. */
    public static PublicKey parse(String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidKey("publicKey is required: the contents of your .pub file, e.g. ~/.ssh/id_ed25519.pub");
        }
        if (text.contains("PRIVATE KEY")) {
            throw new InvalidKey("this is a private key: never send it anywhere. Send the public key, the .pub file");
        }
        if (text.length() > MAX_LENGTH) {
            throw new InvalidKey("the key is longer than " + MAX_LENGTH + " characters");
        }
        String line = text.strip(); // a trailing newline of `cat key.pub` is fine, a second line is not
        if (line.indexOf('\n') >= 0 || line.indexOf('\r') >= 0) {
            throw new InvalidKey("send one key on one line");
        }
        String[] parts = line.split("[ \t]+", 3);
        String type = parts[0];
        if (!isSupported(type)) {
            // A known type further on means something stands before it: options, as in authorized_keys.
            if (Arrays.stream(line.split("[ \t]+")).anyMatch(PublicKey::isSupported)) {
                throw new InvalidKey("authorized_keys options (such as command= or no-pty) are not allowed: "
                        + "send only the key, 'type base64 [comment]'");
            }
            throw new InvalidKey("unsupported key type '" + shown(type) + "': use ssh-ed25519, "
                    + "ecdsa-sha2-nistp256/384/521 or ssh-rsa (at least " + MIN_RSA_BITS + " bits)");
        }
        if (parts.length < 2) {
            throw new InvalidKey("the key's base64 part is missing after '" + type + "'");
        }
        String base64 = parts[1];
        byte[] blob;
        try {
            if (!BASE64.matcher(base64).matches()) {
                throw new IllegalArgumentException();
            }
            blob = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new InvalidKey("the key's second part is not valid base64");
        }
        if (!Base64.getEncoder().encodeToString(blob).equals(base64)) {
            throw new InvalidKey("the key's second part is not valid base64");
        }
        int bits = check(type, blob);
        String comment = parts.length == 3 ? parts[2].strip() : null;
        if (comment != null) {
            if (comment.length() > MAX_COMMENT) {
                throw new InvalidKey("the key's comment is longer than " + MAX_COMMENT + " characters");
            }
            if (comment.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
                throw new InvalidKey("the key's comment holds control characters");
            }
            comment = comment.isEmpty() ? null : comment;
        }
        return new PublicKey(type, base64, comment, bits, fingerprint(blob));
    }

    /** The key as authorized_keys takes it, without the comment. */
    public String line() {
        return type + " " + base64;
    }

    private static boolean isSupported(String type) {
        return type.equals("ssh-ed25519") || type.equals("ssh-rsa") || ECDSA.containsKey(type);
    }

    /** Reads the key's wire form (RFC 4253 6.6, RFC 5656 3.1, RFC 8709 4) and answers its size in bits. */
    private static int check(String type, byte[] blob) {
        ByteBuffer in = ByteBuffer.wrap(blob);
        try {
            String embedded = new String(string(in), StandardCharsets.US_ASCII);
            if (!embedded.equals(type)) {
                throw new InvalidKey("the key says it is '" + shown(embedded) + "' inside but '" + type + "' outside");
            }
            int bits;
            if (type.equals("ssh-ed25519")) {
                if (string(in).length != 32) {
                    throw new InvalidKey("not a valid ssh-ed25519 key: the key must be 32 bytes");
                }
                bits = 256;
            } else if (type.equals("ssh-rsa")) {
                BigInteger exponent = mpint(in);
                BigInteger modulus = mpint(in);
                if (exponent.signum() <= 0 || modulus.signum() <= 0 || !exponent.testBit(0)) {
                    throw new InvalidKey("not a valid ssh-rsa key");
                }
                bits = modulus.bitLength();
                if (bits < MIN_RSA_BITS) {
                    throw new InvalidKey("RSA keys must have at least " + MIN_RSA_BITS + " bits; this one has " + bits
                            + ". Make a new one: ssh-keygen -t ed25519");
                }
            } else {
                String curve = new String(string(in), StandardCharsets.US_ASCII);
                byte[] point = string(in);
                if (!type.endsWith(curve) || point.length != ECDSA.get(type) || point[0] != 0x04) {
                    throw new InvalidKey("not a valid " + type + " key");
                }
                bits = ECDSA_BITS.get(type);
            }
            if (in.hasRemaining()) {
                throw new InvalidKey("not a valid " + type + " key: it has bytes past its end");
            }
            return bits;
        } catch (BufferUnderflowException | IllegalArgumentException e) {
            throw new InvalidKey("not a valid " + type + " key: it ends too early");
        }
    }

    private static byte[] string(ByteBuffer in) {
        int length = in.getInt();
        if (length < 0 || length > in.remaining()) {
            throw new IllegalArgumentException("length past the end");
        }
        byte[] bytes = new byte[length];
        in.get(bytes);
        return bytes;
    }

    private static BigInteger mpint(ByteBuffer in) {
        byte[] bytes = string(in);
        return bytes.length == 0 ? BigInteger.ZERO : new BigInteger(bytes);
    }

    static String fingerprint(byte[] blob) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(blob);
            return "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String shown(String text) {
        String printable = text.replaceAll("[^\\x20-\\x7e]", "?");
        return printable.length() > 40 ? printable.substring(0, 40) + "..." : printable;
    }

    /** The key cannot be accepted; the message says why (and never repeats a private key). */
    public static class InvalidKey extends RuntimeException {
        InvalidKey(String message) {
            super(message);
        }
    }
}
