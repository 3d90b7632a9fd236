package io.fjord.cli.git;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.net.URI;
import org.junit.jupiter.api.Test;

class RemoteUrlsTest {
    @Test
    void buildsSshAndLocalUrls() {
        assertEquals("ssh://git@fjord.localhost/shop.git", RemoteUrls.ssh("fjord.localhost", "shop"));
        assertEquals("ssh://git@example.com:2222/shop.git", RemoteUrls.ssh("example.com:2222", "shop"));
        assertEquals("/var/lib/fjord/git/shop.git", RemoteUrls.local("shop"));
    }

    @Test
    void thePlatformHostIsTheApisWithoutApi() {
        assertEquals("fjord.localhost", RemoteUrls.platformHost(URI.create("http://api.fjord.localhost")));
        assertEquals("paas.example.com", RemoteUrls.platformHost(URI.create("https://api.paas.example.com:8443/")));
        assertEquals("10.0.0.5", RemoteUrls.platformHost(URI.create("http://10.0.0.5")));
    }

    @Test
    void findsTheAppOfARemote() {
        assertEquals("shop", RemoteUrls.appOf("ssh://git@fjord.localhost/shop.git"));
        assertEquals("shop", RemoteUrls.appOf("ssh://git@example.com:2222/shop.git"));
        assertEquals("shop", RemoteUrls.appOf("/var/lib/fjord/git/shop.git/"));
        assertEquals("shop", RemoteUrls.appOf("git@example.com:shop.git"));
        assertNull(RemoteUrls.appOf("ssh://git@example.com/"));
        assertNull(RemoteUrls.appOf("https://github.com/acme/shop"));
    }

    @Test
    void tellsWhatChanged() {
        assertEquals("Git remote fjord: ssh://git@h/shop.git\nDeploy with: git push fjord main\n",
                GitRemote.render("fjord", "ssh://git@h/shop.git", null));
        assertEquals("Git remote fjord: ssh://git@h/shop.git (unchanged)\nDeploy with: git push fjord main\n",
                GitRemote.render("fjord", "ssh://git@h/shop.git", "ssh://git@h/shop.git"));
        assertEquals("Git remote fjord: ssh://git@h/shop.git (was /old.git)\nDeploy with: git push fjord main\n",
                GitRemote.render("fjord", "ssh://git@h/shop.git", "/old.git"));
    }
}
