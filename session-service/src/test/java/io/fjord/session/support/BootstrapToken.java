package io.fjord.session.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Plays install.sh for the tests: writes a fresh admin token in install.sh's form (mode 0600) before the
 * service starts, and points {@code fjord.identity.bootstrap-token-file} at it. The test database is
 * empty at every start, so the service makes its admin from this file each time.
 */
public class BootstrapToken implements QuarkusTestResourceLifecycleManager {
    private static final Path FILE = Path.of("target", "test-admin.token").toAbsolutePath();

    @Override
    public Map<String, String> start() {
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        try {
            Files.deleteIfExists(FILE);
            Files.createFile(FILE, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(FILE, "fjord_" + HexFormat.of().formatHex(random) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.of("fjord.identity.bootstrap-token-file", FILE.toString());
    }

    @Override
    public void stop() {
        try {
            Files.deleteIfExists(FILE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The admin token of the running service. */
    public static String token() {
        try {
            return Files.readString(FILE).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
