package io.fjord.build.api;

import java.time.Instant;

import io.fjord.build.ssh.SshKey;

/** A registered key as the API shows it: the public key itself is no secret. */
public record KeyView(long id, String name, String type, int bits, String fingerprint, String publicKey,
        String comment, Instant createdAt) {

    static KeyView of(SshKey key) {
        return new KeyView(key.id, key.name, key.type, key.bits, key.fingerprint, key.publicKey, key.comment,
                key.createdAt);
    }
}
