package io.fjord.cli.doctor;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Disk write latency measured the way {@code ioping -W} does: 4 KiB writes, each followed by a data sync, in a
 * temporary file on the disk that holds the platform's data. The median tells the disk's class; the max shows
 * hiccups of a shared storage node.
 */
final class DiskLatency {
    static final String CHECK = "disk write latency";
    static final int BLOCK = 4096;
    static final int SAMPLES = 16;
    /** The file's size: writes land on blocks that exist already, so no sample pays for growing the file. */
    private static final int FILE_BLOCKS = 256;
    /** ioping's rule of thumb: an SSD syncs a 4 KiB write well under a millisecond. */
    static final double WARN_MS = 1.0;

    private DiskLatency() {
    }

    static Verdict check(List<Path> candidates) {
        Path dir = candidates.stream().filter(Files::isDirectory).findFirst().orElse(Path.of(System.getProperty("java.io.tmpdir")));
        try {
            return verdict(measure(dir, SAMPLES), dir);
        } catch (IOException | SecurityException e) {
            return Verdict.warn(CHECK, "not measured", "cannot write in " + dir + " (" + e.getMessage() + "); run as root");
        }
    }

    /** Nanoseconds of each write+sync, after one warm-up write that is not counted. */
    static long[] measure(Path dir, int samples) throws IOException {
        Path file = Files.createTempFile(dir, ".fjord-doctor-", ".tmp");
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.DELETE_ON_CLOSE)) {
            channel.write(ByteBuffer.allocate(BLOCK * FILE_BLOCKS), 0);
            channel.force(true);
            byte[] data = new byte[BLOCK];
            Random random = new Random();
            long[] nanos = new long[samples];
            for (int i = -1; i < samples; i++) {
                random.nextBytes(data); // fresh content, so no layer can skip an unchanged block
                long offset = (long) random.nextInt(FILE_BLOCKS) * BLOCK;
                long start = System.nanoTime();
                channel.write(ByteBuffer.wrap(data), offset);
                channel.force(false); // fdatasync: the data must be on the disk, as a database commit needs
                long took = System.nanoTime() - start;
                if (i >= 0) {
                    nanos[i] = took;
                }
            }
            return nanos;
        } finally {
            Files.deleteIfExists(file);
        }
    }

    static Verdict verdict(long[] nanos, Path dir) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        double median = sorted.length % 2 == 1
                ? sorted[sorted.length / 2] / 1e6
                : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2e6;
        double max = sorted[sorted.length - 1] / 1e6;
        String figure = String.format("%.2f ms median, %.2f ms max", median, max);
        String how = sorted.length + " x 4 KiB write+fdatasync in " + dir;
        if (median > WARN_MS) {
            return Verdict.warn(CHECK, figure, "above 1 ms: a spinning disk or a crowded storage node; builds and the"
                    + " database will be slow (" + how + ")");
        }
        return Verdict.ok(CHECK, figure, "SSD-class storage (" + how + ")");
    }
}
