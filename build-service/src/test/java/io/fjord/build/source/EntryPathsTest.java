package io.fjord.build.source;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class EntryPathsTest {

    @ParameterizedTest
    @CsvSource({
            "Dockerfile, Dockerfile",
            "./Dockerfile, Dockerfile",
            "www/index.html, www/index.html",
            "www//./up, www/up",
            "www/, www",
            "./, ''",
            "..data/x, ..data/x",
            "a..b, a..b" })
    void normalizesSafeNames(String name, String expected) {
        assertEquals(expected, EntryPaths.relative(name));
    }

    @ParameterizedTest
    @ValueSource(strings = { "../evil", "a/../../evil", "a/..", "/etc/passwd", "/", "..", "x\0y" })
    void refusesNamesThatLeaveTheFolder(String name) {
        ArchiveRejected e = assertThrows(ArchiveRejected.class, () -> EntryPaths.relative(name));
        assertTrue(e.getMessage().startsWith("unsafe archive entry"), e.getMessage());
    }

    @ParameterizedTest
    @CsvSource({
            "link, target",
            "link, ./target",
            "a/b/link, ../../target",
            "a/link, ../b/c",
            "a/link, x/../../y" })
    void acceptsLinksThatStayInside(String link, String target) {
        assertDoesNotThrow(() -> EntryPaths.checkSymlinkTarget(link, target));
    }

    @ParameterizedTest
    @CsvSource({
            "link, ../target",
            "a/b/link, ../../../target",
            "link, /etc/passwd",
            "a/link, x/../../../y",
            "link, ''" })
    void refusesLinksThatPointOut(String link, String target) {
        assertThrows(ArchiveRejected.class, () -> EntryPaths.checkSymlinkTarget(link, target));
    }
}
