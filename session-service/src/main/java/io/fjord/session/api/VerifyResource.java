package io.fjord.session.api;

import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import io.fjord.platform.api.ApiErrorMappers;
import io.fjord.session.access.AccessPolicy;
import io.fjord.session.access.Decision;
import io.fjord.session.access.Principal;
import io.fjord.session.identity.Authenticator;

/**
 * nginx's {@code auth_request}: before every API call the edge asks here with the call's method and URI
 * and its credentials. 204 passes the call on, with who made it in {@code X-Fjord-Actor} and
 * {@code X-Fjord-Role}; 401 and 403 refuse it. Each answer reads the token or login as it is now, so a
 * revocation holds from the next call.
 */
@Path("/auth/verify")
public class VerifyResource {
    static final String ORIGINAL_METHOD = "X-Original-Method";
    static final String ORIGINAL_URI = "X-Original-URI";
    static final String ACTOR = "X-Fjord-Actor";
    static final String ROLE = "X-Fjord-Role";

    private final Authenticator authenticator;

    VerifyResource(Authenticator authenticator) {
        this.authenticator = authenticator;
    }

    @GET
    public Response verify(@HeaderParam(ORIGINAL_METHOD) String method, @HeaderParam(ORIGINAL_URI) String uri,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @CookieParam(LoginCookie.NAME) String loginCookie) {
        Principal principal = authenticator.authenticate(authorization, loginCookie).orElse(null);
        Decision decision = AccessPolicy.decide(method, uri, principal);
        return switch (decision) {
            case ALLOW -> principal == null ? Response.noContent().build()
                    : Response.noContent().header(ACTOR, principal.actor()).header(ROLE, principal.scope().toString())
                            .build();
            case UNAUTHENTICATED -> Response.fromResponse(ApiErrorMappers.error(401, "a valid token or login is required"))
                    .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"fjord\"").build();
            case FORBIDDEN -> ApiErrorMappers.error(403, "this call is outside the scope of the token or user");
        };
    }
}
