package io.fjord.session.api;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.fjord.platform.api.ApiErrorMappers;
import io.fjord.session.identity.LoginLocked;

/** A locked login is a 429 that says when to try again (Retry-After, in seconds). */
public class LoginLockedMapper {

    @ServerExceptionMapper
    public Response locked(LoginLocked e) {
        return Response.fromResponse(ApiErrorMappers.error(e.status(), e.getMessage()))
                .header(HttpHeaders.RETRY_AFTER, e.retryAfter()).build();
    }
}
