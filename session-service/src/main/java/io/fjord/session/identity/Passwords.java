package io.fjord.session.identity;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Password hashes with PBKDF2-HMAC-SHA256 from the JDK, stored as
 * {@code pbkdf2-sha256$<iterations>$<salt>$<hash>} so that raising the iterations later keeps old hashes
 * verifiable. Slow on purpose: a stolen table must not give passwords away at GPU speed.
 */
@ApplicationScoped
public class Passwords {
    private static final String SCHEME = "pbkdf2-sha256";
    private static final int SALT_BYTES = 16;
    private static final int HASH_BITS = 256;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
    private static final Base64.Decoder B64_DECODER = Base64.getDecoder();

    private final int iterations;
    /** Verified against when the user is unknown, so the answer takes as long as for a known user. */
    private final String decoy;

    @Inject
    Passwords(IdentityConfig config) {
        this(config.passwordIterations());
    }

    Passwords(int iterations) {
        this.iterations = iterations;
        this.decoy = hash("decoy password that no one has");
    }

    public String hash(String password) {
        byte[] salt = new byte[SALT_BYTES];
        RANDOM.nextBytes(salt);
        return SCHEME + "$" + iterations + "$" + B64.encodeToString(salt) + "$"
                + B64.encodeToString(derive(password, salt, iterations));
    }

    /** Whether {@code password} is the one {@code stored} was made from; with no stored hash, never. */
    public boolean matches(String password, String stored) {
        String[] parts = (stored == null ? decoy : stored).split("\\$");
        if (parts.length != 4 || !parts[0].equals(SCHEME)) {
            throw new IllegalStateException("a stored password hash has an unknown form");
        }
        byte[] expected = B64_DECODER.decode(parts[3]);
        byte[] actual = derive(password, B64_DECODER.decode(parts[2]), Integer.parseInt(parts[1]));
        return MessageDigest.isEqual(expected, actual) && stored != null;
    }

    private static byte[] derive(String password, byte[] salt, int iterations) {
        PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), salt, iterations, HASH_BITS);
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK has PBKDF2WithHmacSHA256", e);
        } finally {
            spec.clearPassword();
        }
    }
}
