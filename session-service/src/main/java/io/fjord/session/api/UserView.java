package io.fjord.session.api;

import java.time.Instant;

import io.fjord.session.identity.PlatformUser;

/** A user as the API shows it; {@code password} says whether the user can log in with a browser. */
public record UserView(long id, String name, String scope, boolean password, Instant createdAt, String createdBy) {

    static UserView of(PlatformUser user) {
        return new UserView(user.id, user.name, user.scope, user.passwordHash != null, user.createdAt, user.createdBy);
    }
}
