package io.fjord.cli.doctor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Reading /proc and /sys, where a missing file is an answer (no such feature), not an error. */
final class HostFiles {
    private HostFiles() {
    }

    static Optional<String> read(Path file) {
        try {
            return Optional.of(Files.readString(file));
        } catch (IOException | SecurityException e) {
            return Optional.empty();
        }
    }

    static Optional<String> read(String file) {
        return read(Path.of(file));
    }
}
