package io.fjord.cli.doctor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Free space where Docker keeps images and containers: every build adds an image, every release a container. */
final class DiskSpace {
    static final String CHECK = "free disk for images";
    static final long GIB = 1024L * 1024 * 1024;
    static final long WARN_BELOW = 10 * GIB;
    static final long FAIL_BELOW = 2 * GIB;

    private DiskSpace() {
    }

    static Verdict check(Path dockerRoot) {
        Path dir = Files.isDirectory(dockerRoot) ? dockerRoot : Path.of("/");
        try {
            return verdict(Files.getFileStore(dir).getUsableSpace(), dir);
        } catch (IOException e) {
            return Verdict.warn(CHECK, "unknown", "cannot read the free space of " + dir + ": " + e.getMessage());
        }
    }

    static Verdict verdict(long freeBytes, Path dir) {
        String figure = String.format("%.1f GiB free", freeBytes / (double) GIB);
        if (freeBytes < FAIL_BELOW) {
            return Verdict.fail(CHECK, figure, "below 2 GiB in " + dir + ": builds will fail; docker image prune, or grow the disk");
        }
        if (freeBytes < WARN_BELOW) {
            return Verdict.warn(CHECK, figure, "below 10 GiB in " + dir + ": a few more builds fill it; docker image prune");
        }
        return Verdict.ok(CHECK, figure, "in " + dir);
    }
}
