package io.fjord.cli.output;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class TableTest {
    @Test
    void alignsColumnsUnderARule() {
        String table = new Table("Version", "Status", "Reason")
                .row("v12", "live", "")
                .row("v3", "failed", "health check timed out")
                .render();
        assertEquals("""
                Version  Status  Reason
                -------  ------  ----------------------
                v12      live
                v3       failed  health check timed out
                """, table);
    }

    @Test
    void printsOnlyRowsWithoutHeaders() {
        assertEquals("ok    memory  2 GiB\nFAIL  redis   down\n",
                new Table().row("ok", "memory", "2 GiB").row("FAIL", "redis", "down").render());
    }

    @Test
    void showsNullAsEmpty() {
        assertEquals("A  B\n-  -\nx\n", new Table("A", "B").row("x", null).render());
    }
}
