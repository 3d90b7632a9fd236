package io.fjord.session.identity;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;

import io.fjord.platform.api.ApiException;
import io.fjord.platform.bus.Outbox;
import io.fjord.session.access.Scope;

/** The platform's users. */
@ApplicationScoped
public class Users {
    static final int MIN_PASSWORD = 12;
    static final int MAX_PASSWORD = 1024;

    private final Passwords passwords;
    private final Outbox outbox;

    Users(Passwords passwords, Outbox outbox) {
        this.passwords = passwords;
        this.outbox = outbox;
    }

    /** A new user; {@code password} null makes a user that cannot log in with a browser (the install's admin). */
    @Transactional
    public PlatformUser create(String name, String password, Scope scope, String createdBy) {
        if (password != null) {
            checkPassword(password);
        }
        if (PlatformUser.findByName(name).isPresent()) {
            throw taken(name);
        }
        PlatformUser user = new PlatformUser();
        user.name = name;
        user.passwordHash = password == null ? null : passwords.hash(password);
        user.scope = scope.toString();
        user.createdAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        user.createdBy = createdBy;
        try {
            user.persistAndFlush();
        } catch (PersistenceException e) {
            throw taken(name);
        }
        outbox.emit(IdentityEvents.USER_CREATED, scope.app(), new IdentityEvents.UserCreated(user.id, name, user.scope));
        return user;
    }

    /**
     * Deletes a user: their browser logins stop working on the next call, since every check reads the
     * user. The install's admin stays (the platform would have no admin user to make again).
     */
    @Transactional
    public void delete(String name) {
        PlatformUser user = PlatformUser.findByName(name)
                .orElseThrow(() -> ApiException.notFound("no user named '" + name + "'"));
        if (AdminBootstrap.ADMIN.equals(user.name)) {
            throw ApiException.conflict("the install's admin user cannot be deleted; revoke its tokens instead");
        }
        user.delete();
        outbox.emit(IdentityEvents.USER_DELETED, Scope.parse(user.scope).app(),
                new IdentityEvents.UserDeleted(user.id, user.name, user.scope));
    }

    public List<PlatformUser> list() {
        return PlatformUser.list("order by id");
    }

    static void checkPassword(String password) {
        int length = password.codePointCount(0, password.length());
        if (length < MIN_PASSWORD || length > MAX_PASSWORD) {
            throw ApiException.badRequest("password must be " + MIN_PASSWORD + " to " + MAX_PASSWORD + " characters long");
        }
    }

    private static ApiException taken(String name) {
        return ApiException.conflict("a user named '" + name + "' exists");
    }
}
