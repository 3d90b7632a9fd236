package io.fjord.cli.doctor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Memory, free disk and clock verdicts from the figures the host gives. */
class HostFiguresTest {
    private static final String MEMINFO = """
            MemTotal:       24684084 kB
            MemFree:        20000000 kB
            MemAvailable:   24098432 kB
            Buffers:          123456 kB
            """;

    @Test
    void readsMeminfo() {
        assertEquals(24098432L, Memory.field(MEMINFO, "MemAvailable").getAsLong());
        assertEquals(24684084L, Memory.field(MEMINFO, "MemTotal").getAsLong());
        assertTrue(Memory.field(MEMINFO, "SwapTotal").isEmpty());
    }

    @Test
    void warnsBelow1GibAvailable() {
        Verdict plenty = Memory.verdict(MEMINFO);
        assertEquals(Level.OK, plenty.level());
        assertEquals("23.0 GiB available of 23.5 GiB", plenty.figure());
        Verdict tight = Memory.verdict("MemTotal: 2000000 kB\nMemAvailable: 900000 kB\n");
        assertEquals(Level.WARN, tight.level());
        assertEquals("0.9 GiB available of 1.9 GiB", tight.figure());
        assertEquals(Level.WARN, Memory.verdict("MemTotal: 2000000 kB\n").level());
    }

    @Test
    void judgesFreeDiskForImages() {
        Path dir = Path.of("/var/lib/docker");
        assertEquals(Level.OK, DiskSpace.verdict(80 * DiskSpace.GIB, dir).level());
        assertEquals("80.0 GiB free", DiskSpace.verdict(80 * DiskSpace.GIB, dir).figure());
        assertEquals(Level.WARN, DiskSpace.verdict(10 * DiskSpace.GIB - 1, dir).level());
        assertEquals(Level.OK, DiskSpace.verdict(10 * DiskSpace.GIB, dir).level());
        assertEquals(Level.FAIL, DiskSpace.verdict(DiskSpace.GIB, dir).level());
        assertEquals(Level.WARN, DiskSpace.verdict(2 * DiskSpace.GIB, dir).level());
    }

    @Test
    void readsChronyAndTimedatectl() {
        assertEquals(Level.OK, ClockSync.chronyVerdict("Reference ID    : A9FEA97B\nLeap status     : Normal\n").level());
        Verdict notSynced = ClockSync.chronyVerdict("Reference ID    : 00000000 ()\nLeap status     : Not synchronised\n");
        assertEquals(Level.WARN, notSynced.level());
        assertEquals("chrony: Not synchronised", notSynced.figure());
        assertEquals(Level.OK, ClockSync.timedatectlVerdict("yes\n").level());
        assertEquals(Level.WARN, ClockSync.timedatectlVerdict("no\n").level());
        assertTrue(ClockSync.noDaemonVerdict(true).detail().contains("host"));
        assertTrue(ClockSync.noDaemonVerdict(false).detail().contains("chrony"));
    }
}
