package io.fjord.session.identity;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.fjord.platform.api.ApiException;
import io.fjord.session.access.Principal;
import io.fjord.session.redis.LoginSessions;
import io.fjord.session.redis.LoginThrottle;

/**
 * Browser logins: a user name and password give a login session (the cookie's value), after the
 * throttle has had its say; the session then stands for the user until logout or idleness ends it.
 */
@ApplicationScoped
public class Logins {
    private final Passwords passwords;
    private final LoginThrottle throttle;
    private final LoginSessions sessions;

    Logins(Passwords passwords, LoginThrottle throttle, LoginSessions sessions) {
        this.passwords = passwords;
        this.throttle = throttle;
        this.sessions = sessions;
    }

    /**
     * The id of a new login session for the user; 429 while the user name or the address is locked
     * (the password is not even checked then), 401 for a wrong name or password, alike.
     */
    public String login(String name, String password, String clientIp) {
        throttle.check(name, clientIp);
        Optional<PlatformUser> user = PlatformUser.findByName(name);
        // An unknown user costs the same hash as a known one: the time of the answer tells nothing.
        if (!passwords.matches(password, user.map(u -> u.passwordHash).orElse(null))) {
            throttle.failed(name, clientIp);
            throw new ApiException(401, "wrong user name or password");
        }
        throttle.succeeded(name);
        return sessions.create(user.get().id);
    }

    /** The user a login session stands for, if the session is alive (reading it keeps it alive). */
    public Optional<Principal> principal(String sessionId) {
        return sessions.userId(sessionId)
                .flatMap(id -> PlatformUser.<PlatformUser>findByIdOptional(id))
                .map(PlatformUser::principal);
    }

    public void logout(String sessionId) {
        sessions.delete(sessionId);
    }
}
