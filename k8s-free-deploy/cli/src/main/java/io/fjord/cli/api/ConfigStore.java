package io.fjord.cli.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fjord.cli.CliException;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

/** The saved login, {@code ~/.config/fjord/config.json}: readable by its owner only, since it holds the token. */
public final class ConfigStore {
    private final Path file;

    public ConfigStore(Path file) {
        this.file = file;
    }

    /** {@code $XDG_CONFIG_HOME/fjord/config.json}, else {@code $HOME/.config/fjord/config.json}. */
    public static ConfigStore forUser(Map<String, String> env) {
        String xdg = env.get("XDG_CONFIG_HOME");
        // $HOME, as every shell tool honours it; Java's user.home comes from the password file instead.
        String home = env.getOrDefault("HOME", System.getProperty("user.home"));
        Path root = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(home, ".config");
        return new ConfigStore(root.resolve("fjord").resolve("config.json"));
    }

    public Path file() {
        return file;
    }

    public Settings load() {
        if (!Files.exists(file)) {
            return Settings.NONE;
        }
        try {
            JsonNode json = Json.MAPPER.readTree(file.toFile());
            return new Settings(text(json, "api"), text(json, "token"));
        } catch (IOException e) {
            throw new CliException("cannot read " + file + ": " + e.getMessage());
        }
    }

    /** Writes a new file with mode 0600 and moves it in place, so the token is never readable by others. */
    public void save(Settings settings) {
        ObjectNode json = Json.object();
        json.put("api", settings.api());
        json.put("token", settings.token());
        try {
            Path dir = file.getParent();
            if (!Files.isDirectory(dir)) {
                Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            }
            Path temp = Files.createTempFile(dir, ".config", ".json"); // created with mode 0600
            Files.writeString(temp, Json.pretty(json) + "\n");
            try {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (IOException e) {
            throw new CliException("cannot write " + file + ": " + e.getMessage());
        }
    }

    private static String text(JsonNode json, String field) {
        JsonNode value = json.path(field);
        return value.isTextual() && !value.asText().isBlank() ? value.asText() : null;
    }
}
