package io.fjord.session.identity;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.fjord.session.access.Scope;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;

/**
 * Makes the admin at the first start: while no user exists, the token that install.sh wrote to
 * {@code fjord.identity.bootstrap-token-file} becomes the first token of a new user {@code admin}.
 * The file is left as it is (the operator reads the token there); only its hash enters the database.
 */
@ApplicationScoped
class AdminBootstrap {
    private static final Logger LOG = Logger.getLogger(AdminBootstrap.class);
    static final String ADMIN = "admin";
    static final String TOKEN_NAME = "install";
    private static final String BY = "install";

    private final IdentityConfig config;
    private final Users users;
    private final ApiTokens tokens;

    AdminBootstrap(IdentityConfig config, Users users, ApiTokens tokens) {
        this.config = config;
        this.users = users;
        this.tokens = tokens;
    }

    void onStart(@Observes StartupEvent ignored) {
        if (QuarkusTransaction.requiringNew().call(() -> PlatformUser.count()) > 0) {
            return;
        }
        Path file = config.bootstrapTokenFile();
        String token;
        try {
            token = Files.readString(file).strip();
        } catch (NoSuchFileException e) {
            LOG.warnf("no user exists and there is no admin token at %s: the API stays closed until install.sh"
                    + " writes it and the service restarts", file);
            return;
        } catch (IOException e) {
            LOG.errorf("no user exists and the admin token at %s cannot be read (%s); no admin was made", file, e);
            return;
        }
        if (!TokenSecrets.hasForm(token)) {
            // Never the content: it may be a secret in the wrong form.
            LOG.errorf("the admin token at %s is not a Fjord token (fjord_ and 32 to 128 letters, digits,"
                    + " '-' or '_'); no admin was made", file);
            return;
        }
        QuarkusTransaction.requiringNew().run(() -> {
            users.create(ADMIN, null, Scope.ADMIN, BY);
            tokens.register(token, TOKEN_NAME, Scope.ADMIN, null, BY);
        });
        LOG.infof("made the user %s with the token of %s", ADMIN, file);
    }
}
