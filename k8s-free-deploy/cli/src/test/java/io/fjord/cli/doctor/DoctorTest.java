package io.fjord.cli.doctor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DoctorTest {
    private static Map<String, List<Verdict>> report(Verdict redis) {
        Map<String, List<Verdict>> report = new LinkedHashMap<>();
        report.put("Host", List.of(Verdict.ok("memory", "20.6 GiB available of 23.5 GiB", "room for builds and releases"),
                Verdict.warn("clock sync", "no time daemon", "check the host")));
        report.put("Backing services", List.of(redis));
        return report;
    }

    @Test
    void printsSectionsWithAlignedVerdictsAndASummary() {
        assertEquals("""
                === Host
                ok    memory      20.6 GiB available of 23.5 GiB  room for builds and releases
                warn  clock sync  no time daemon                  check the host

                === Backing services
                FAIL  redis       down                            nothing answers

                1 FAIL, 1 warn, 1 ok
                """, Doctor.render(report(Verdict.fail("redis", "down", "nothing answers"))));
    }

    @Test
    void failsOnlyOnAFail() {
        assertTrue(Doctor.failed(report(Verdict.fail("redis", "down", "x"))));
        assertFalse(Doctor.failed(report(Verdict.warn("redis", "answers", "no password"))));
    }

    @Test
    void printsJsonForScripts() {
        String json = Doctor.toJson(report(Verdict.ok("redis", "answers", "password required"))).toString();
        assertTrue(json.startsWith("[{\"section\":\"Host\",\"check\":\"memory\",\"level\":\"ok\","), json);
        assertTrue(json.contains("{\"section\":\"Backing services\",\"check\":\"redis\",\"level\":\"ok\",\"figure\":\"answers\""), json);
    }

    @Test
    void findsThePlatformDomain() {
        assertEquals("paas.example.com", Doctor.domain(" paas.example.com ", ""));
        assertEquals("fjord.test", Doctor.domain(null, "# settings\nFJORD_DB_USER=fjord\nFJORD_DOMAIN=fjord.test\n"));
        assertEquals("fjord.localhost", Doctor.domain("", "FJORD_DB_USER=fjord\n"));
    }
}
