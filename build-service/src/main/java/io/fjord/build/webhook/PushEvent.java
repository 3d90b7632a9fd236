package io.fjord.build.webhook;

import java.util.List;
import java.util.Optional;

/**
 * What a push delivery says, in the same terms for every provider: the refs it moved (a deleted ref has
 * no commit) and the repository's clone URLs (over HTTPS and over SSH) and web address; each may be null.
 */
public record PushEvent(List<RefUpdate> updates, String httpUrl, String sshUrl, String webUrl) {

    public record RefUpdate(String ref, String commit) {
        public boolean deleted() {
            return commit == null;
        }
    }

    public Optional<RefUpdate> updateOf(String ref) {
        return updates.stream().filter(update -> update.ref().equals(ref)).findFirst();
    }
}
