package io.fjord.build.git;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RemoteSourceTest {

    @Test
    void fetchesFromHostsNeverFromLocalPaths() {
        for (String url : new String[] { "https://github.com/octocat/shop.git", "http://127.0.0.1:8080/x.git",
                "ssh://git@gitea.example.com:2222/gitea/shop.git", "git://127.0.0.1:9418/shop.git",
                "git@github.com:octocat/shop.git" }) {
            assertTrue(RemoteSource.isFetchable(url), url);
        }
        for (String url : new String[] { "file:///etc", "/var/lib/fjord/git/other.git", "../other.git",
                "ext::sh -c touch% /tmp/x", "https://", "git@host:", "https://host/a b.git", "-uhttps://x/y",
                null }) {
            assertFalse(RemoteSource.isFetchable(url), url);
        }
    }

    @Test
    void aShownUrlKeepsTheUserButNeverAPassword() {
        assertEquals("https://x-access-token@github.com/o/r.git",
                RemoteSource.shown("https://x-access-token:ghs_secret@github.com/o/r.git"));
        assertEquals("ssh://git@host/r.git", RemoteSource.shown("ssh://git@host/r.git"));
        assertEquals("git@github.com:o/r.git", RemoteSource.shown("git@github.com:o/r.git"));
        assertFalse(new RemoteSource("https://u:pw@h/r.git", "abc", "main", "KEY", "u", "TOKEN").toString()
                .matches(".*(pw|KEY|TOKEN).*"));
    }
}
