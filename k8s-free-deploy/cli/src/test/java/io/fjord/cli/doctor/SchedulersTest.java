package io.fjord.cli.doctor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SchedulersTest {
    @TempDir
    Path sys;

    @Test
    void readsTheBracketedScheduler() {
        assertEquals("mq-deadline", Schedulers.active("none [mq-deadline] kyber bfq \n"));
        assertEquals("none", Schedulers.active("[none] mq-deadline kyber bfq"));
        assertEquals("none", Schedulers.active("none\n"));
        assertNull(Schedulers.active("none mq-deadline"));
        assertNull(Schedulers.active(""));
    }

    @Test
    void judgesTheSchedulerForTheKindOfDisk() {
        assertEquals(Level.OK, Schedulers.verdict("vda", "none [mq-deadline] kyber bfq", true).level());
        assertEquals("mq-deadline (virtio disk)", Schedulers.verdict("vda", "none [mq-deadline] kyber bfq", true).figure());
        assertEquals(Level.OK, Schedulers.verdict("nvme0n1", "[none] mq-deadline", false).level());
        assertEquals(Level.OK, Schedulers.verdict("sda", "[none] mq-deadline", false).level());
        assertEquals(Level.WARN, Schedulers.verdict("nvme0n1", "none mq-deadline [bfq]", false).level());
        assertEquals(Level.WARN, Schedulers.verdict("sda", "[none] mq-deadline bfq", true).level());
        assertEquals(Level.OK, Schedulers.verdict("sda", "none mq-deadline [bfq]", true).level());
        assertEquals(Level.OK, Schedulers.verdict("sdb", "[mq-deadline] bfq", true).level());
        Verdict unknown = Schedulers.verdict("sda", "none mq-deadline", false);
        assertEquals(Level.WARN, unknown.level());
        assertEquals("I/O scheduler sda", unknown.check());
    }

    @Test
    void skipsPseudoDevices() {
        assertTrue(Schedulers.isPseudo("loop0"));
        assertTrue(Schedulers.isPseudo("zram0"));
        assertTrue(Schedulers.isPseudo("sr0"));
        assertFalse(Schedulers.isPseudo("vda"));
        assertFalse(Schedulers.isPseudo("nvme0n1"));
    }

    @Test
    void givesOneVerdictPerRealDisk() throws Exception {
        disk("vda", "none [mq-deadline] kyber bfq\n", "1\n");
        disk("loop0", "[none] mq-deadline\n", "0\n");
        disk("sdb", "mq-deadline [bfq]\n", "0\n");
        Files.createDirectories(sys.resolve("zram0")); // no queue/scheduler: skipped
        List<Verdict> verdicts = Schedulers.check(sys);
        assertEquals(List.of("I/O scheduler sdb", "I/O scheduler vda"), verdicts.stream().map(Verdict::check).toList());
        assertEquals(List.of(Level.WARN, Level.OK), verdicts.stream().map(Verdict::level).toList());
    }

    private void disk(String name, String scheduler, String rotational) throws Exception {
        Path queue = Files.createDirectories(sys.resolve(name).resolve("queue"));
        Files.writeString(queue.resolve("scheduler"), scheduler);
        Files.writeString(queue.resolve("rotational"), rotational);
    }
}
