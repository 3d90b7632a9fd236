package io.fjord.cli.doctor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DiskLatencyTest {
    private static final Path DIR = Path.of("/var/lib/fjord");

    @TempDir
    Path tmp;

    @Test
    void anSsdSyncsWellUnderAMillisecond() {
        Verdict v = DiskLatency.verdict(new long[] {200_000, 150_000, 900_000, 180_000, 4_000_000}, DIR);
        assertEquals(Level.OK, v.level());
        assertEquals("0.20 ms median, 4.00 ms max", v.figure());
        assertEquals("SSD-class storage (5 x 4 KiB write+fdatasync in /var/lib/fjord)", v.detail());
    }

    @Test
    void aMedianAbove1msIsASpinningDiskOrACrowdedNode() {
        Verdict v = DiskLatency.verdict(new long[] {1_000_000, 1_200_000, 8_000_000, 1_400_000}, DIR);
        assertEquals(Level.WARN, v.level());
        assertEquals("1.30 ms median, 8.00 ms max", v.figure());
        assertTrue(v.detail().startsWith("above 1 ms: a spinning disk or a crowded storage node"));
    }

    @Test
    void exactly1msIsStillFine() {
        assertEquals(Level.OK, DiskLatency.verdict(new long[] {1_000_000}, DIR).level());
    }

    @Test
    void measuresRealWritesAndLeavesNoFile() throws Exception {
        long[] nanos = DiskLatency.measure(tmp, 4);
        assertEquals(4, nanos.length);
        for (long n : nanos) {
            assertTrue(n > 0);
        }
        try (var files = Files.list(tmp)) {
            assertEquals(0, files.count());
        }
    }

    @Test
    void measuresInTheFirstDirectoryThatExists() {
        Verdict v = DiskLatency.check(List.of(tmp.resolve("missing"), tmp));
        assertTrue(v.detail().contains("in " + tmp), v.detail());
    }
}
