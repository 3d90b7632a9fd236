package io.fjord.cli.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigStoreTest {
    @TempDir
    Path home;

    @Test
    void savesTheTokenReadableByItsOwnerOnly() throws Exception {
        ConfigStore store = ConfigStore.forUser(Map.of("XDG_CONFIG_HOME", home.toString()));
        assertEquals(home.resolve("fjord/config.json"), store.file());
        assertEquals(Settings.NONE, store.load());

        store.save(new Settings("http://api.fjord.localhost", "fjord_abc"));
        assertEquals(new Settings("http://api.fjord.localhost", "fjord_abc"), store.load());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(store.file())));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(store.file().getParent())));

        store.save(new Settings("http://api.other.localhost", "fjord_def"));
        assertEquals("fjord_def", store.load().token());
        try (var files = Files.list(store.file().getParent())) {
            assertEquals(1, files.count(), "no temporary file left behind");
        }
    }

    @Test
    void livesUnderHomeWithoutXdg() {
        assertEquals(home.resolve(".config/fjord/config.json"), ConfigStore.forUser(Map.of("HOME", home.toString())).file());
    }
}
