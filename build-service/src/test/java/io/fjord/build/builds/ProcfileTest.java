package io.fjord.build.builds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class ProcfileTest {

    @Test
    void readsTypesAndCommandsInOrder() {
        Procfile procfile = Procfile.parse("web: bin/server --port $PORT\nworker:bin/worker   \nrelease: bin/migrate\n");
        assertEquals(Map.of("web", "bin/server --port $PORT", "worker", "bin/worker", "release", "bin/migrate"),
                procfile.processes());
        assertEquals(List.of("web", "worker", "release"), List.copyOf(procfile.processes().keySet()));
        assertTrue(procfile.problems().isEmpty());
    }

    @Test
    void skipsBlankLinesAndCommentsAndReadsCrLf() {
        Procfile procfile = Procfile.parse("# processes\r\n\r\n   \r\n  # indented comment\r\nweb: a:b c\r\n");
        assertEquals(Map.of("web", "a:b c"), procfile.processes());
        assertTrue(procfile.problems().isEmpty());
    }

    @Test
    void reportsInvalidLinesByNumberAndKeepsTheRest() {
        Procfile procfile = Procfile.parse(String.join("\n",
                "web: ./server",
                "this line has no colon",
                "Web: uppercase",
                "clock:",
                "web: ./other",
                "two words: x",
                "worker: ./work"));
        assertEquals(Map.of("web", "./server", "worker", "./work"), procfile.processes());
        assertEquals(List.of(
                "line 2: expected 'type: command'",
                "line 3: process type 'Web' must be lowercase letters, digits, '-' or '_', start with a letter, at most 30",
                "line 4: process type 'clock' has no command",
                "line 5: process type 'web' is already defined on line 1; that one is used",
                "line 6: expected 'type: command'"), procfile.problems());
    }

    @Test
    void emptyTextHasNoProcesses() {
        assertEquals(Procfile.none(), Procfile.parse(""));
    }
}
