package io.fjord.build.secrets;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;

/** The key that encrypts what build-service stores for others: webhook secrets, deploy keys, tokens. */
@ConfigMapping(prefix = "fjord.secrets")
public interface SecretsConfig {

    /** {@code FJORD_SECRET_KEY} of fjord.env: at least 32 characters of randomness. */
    Optional<String> key();
}
