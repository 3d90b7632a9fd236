package io.fjord.session.access;

import static io.fjord.session.access.Decision.ALLOW;
import static io.fjord.session.access.Decision.FORBIDDEN;
import static io.fjord.session.access.Decision.UNAUTHENTICATED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Arrays;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The edge's decisions, call by call, for each kind of principal. A row is
 * {@code method, uri, admin, deployer of shop, read-only on shop, deployer of other, sessions, anonymous}.
 */
class AccessPolicyTest {
    private static final Principal ADMIN = Principal.token("root", Scope.ADMIN);
    private static final Principal DEPLOYER = Principal.token("ci", Scope.parse("app:shop:deployer"));
    private static final Principal READER = Principal.user("ada", Scope.parse("app:shop:read"));
    private static final Principal OTHER = Principal.token("ci-other", Scope.parse("app:other:deployer"));
    private static final Principal SESSIONS = Principal.token("shop-sessions", Scope.SESSIONS);
    private static final List<Principal> PRINCIPALS = Arrays.asList(ADMIN, DEPLOYER, READER, OTHER,
            SESSIONS, null);

    private static final Decision A = ALLOW;
    private static final Decision F = FORBIDDEN;
    private static final Decision U = UNAUTHENTICATED;

    static Stream<Arguments> matrix() {
        return Stream.of(
                // apps: list for all, create and destroy for admins, an app's own paths per role
                row("GET", "/api/apps", A, A, A, A, A, U),
                row("HEAD", "/api/apps", A, A, A, A, A, U),
                row("GET", "/api/apps?page=2", A, A, A, A, A, U),
                row("POST", "/api/apps", A, F, F, F, F, U),
                row("GET", "/api/apps/shop", A, A, A, F, F, U),
                row("GET", "/api/apps/shop/", A, A, A, F, F, U),
                row("DELETE", "/api/apps/shop", A, F, F, F, F, U),
                row("GET", "/api/apps/shop/releases", A, A, A, F, F, U),
                row("POST", "/api/apps/shop/builds", A, A, F, F, F, U),
                row("GET", "/api/apps/shop/builds", A, A, A, F, F, U),
                row("PATCH", "/api/apps/shop/config", A, A, F, F, F, U),
                row("GET", "/api/apps/shop/config", A, A, A, F, F, U),
                row("PUT", "/api/apps/shop/formation", A, A, F, F, F, U),
                row("POST", "/api/apps/shop/rollback", A, A, F, F, F, U),
                row("DELETE", "/api/apps/shop/domains/x", A, A, F, F, F, U),
                row("GET", "/api/apps/shop/logs?follow=true", A, A, A, F, F, U),
                row("GET", "/api/apps/other/releases", A, F, F, A, F, U),
                row("GET", "/api/apps/shopx/releases", A, F, F, F, F, U),
                row("GET", "/api/apps/sho/releases", A, F, F, F, F, U),
                // builds: the edge cannot tell their app, so any app role reads them (known limit)
                row("GET", "/api/builds/42", A, A, A, A, F, U),
                row("GET", "/api/builds/42/log", A, A, A, A, F, U),
                row("DELETE", "/api/builds/42", A, F, F, F, F, U),
                row("GET", "/api/builds", A, F, F, F, F, U),
                // the session store: apps with the sessions scope
                row("POST", "/api/sessions", A, F, F, F, A, U),
                row("GET", "/api/sessions/abc", A, F, F, F, A, U),
                row("PUT", "/api/sessions/abc", A, F, F, F, A, U),
                // the platform's own administration
                row("GET", "/api/tokens", A, F, F, F, F, U),
                row("POST", "/api/tokens", A, F, F, F, F, U),
                row("DELETE", "/api/tokens/7", A, F, F, F, F, U),
                row("POST", "/api/users", A, F, F, F, F, U),
                row("GET", "/api/audit?app=shop", A, F, F, F, F, U),
                row("GET", "/api/routes", A, F, F, F, F, U),
                row("GET", "/api/keys", A, F, F, F, F, U),
                // unknown paths are the admin's until a rule opens them
                row("GET", "/api/whatever", A, F, F, F, F, U),
                row("GET", "/api", A, F, F, F, F, U),
                row("GET", "/other", A, F, F, F, F, U),
                // logging in needs nothing; logging out a valid login
                row("POST", "/api/login", A, A, A, A, A, A),
                row("POST", "/api/logout", A, A, A, A, A, U));
    }

    private static Arguments row(String method, String uri, Decision... decisions) {
        return Arguments.of(method, uri, List.of(decisions));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("matrix")
    void decidesEachCallForEachPrincipal(String method, String uri, List<Decision> expected) {
        for (int i = 0; i < PRINCIPALS.size(); i++) {
            Principal principal = PRINCIPALS.get(i);
            assertEquals(expected.get(i), AccessPolicy.decide(method, uri, principal),
                    method + " " + uri + " as " + (principal == null ? "anonymous" : principal));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/apps/shop/../../tokens", "/api/apps/shop/%2e%2e/%2e%2e/tokens", "/api/apps/./shop",
            "/api//apps/shop", "/api/apps/shop%2Freleases", "/api/apps/shop;x=1/releases", "/api/apps/sh%6Fp",
            "/api/apps/shop\\releases", "/api/apps/shop//", "/api/apps/.shop", "http://evil/api/apps/shop", "",
            "/", "api/apps/shop", "/api/apps/shop/releases#x", "/api/apps/shop releases"})
    void pathsNotInPlainFormAreRefusedEvenToAdmins(String uri) {
        assertEquals(FORBIDDEN, AccessPolicy.decide("GET", uri, ADMIN));
        assertEquals(FORBIDDEN, AccessPolicy.decide("GET", uri, DEPLOYER));
        assertEquals(UNAUTHENTICATED, AccessPolicy.decide("GET", uri, null));
    }

    @Test
    void anAppsSessionsScopeOpensTheSessionStoreAndNothingOfTheApp() {
        Principal shopSessions = Principal.token("shop-web", Scope.parse("app:shop:sessions"));
        assertEquals(ALLOW, AccessPolicy.decide("POST", "/api/sessions", shopSessions));
        assertEquals(ALLOW, AccessPolicy.decide("DELETE", "/api/sessions?userId=ada", shopSessions));
        assertEquals(ALLOW, AccessPolicy.decide("GET", "/api/apps", shopSessions));
        for (String uri : List.of("/api/apps/shop", "/api/apps/shop/config", "/api/apps/shop/releases",
                "/api/builds/42", "/api/builds/42/log", "/api/tokens")) {
            assertEquals(FORBIDDEN, AccessPolicy.decide("GET", uri, shopSessions), uri);
        }
        assertEquals(FORBIDDEN, AccessPolicy.decide("PATCH", "/api/apps/shop/config", shopSessions));
    }

    @Test
    void withoutAnOriginalUriOnlyTheCredentialCounts() {
        assertEquals(UNAUTHENTICATED, AccessPolicy.decide("GET", null, null));
        assertEquals(FORBIDDEN, AccessPolicy.decide("GET", null, ADMIN));
    }

    @Test
    void anUnknownOrMissingMethodIsAWrite() {
        assertEquals(FORBIDDEN, AccessPolicy.decide(null, "/api/apps/shop/releases", READER));
        assertEquals(FORBIDDEN, AccessPolicy.decide("PROPFIND", "/api/apps/shop/releases", READER));
        assertEquals(ALLOW, AccessPolicy.decide("PROPFIND", "/api/apps/shop/releases", DEPLOYER));
    }

    @Test
    void segmentsIgnoreTheQueryAndOneTrailingSlash() {
        assertEquals(List.of("api", "apps", "shop"), AccessPolicy.segments("/api/apps/shop/?x=/../"));
        assertNull(AccessPolicy.segments("/api/apps/shop//"));
    }

    @Test
    void statusesAreThoseAuthRequestUnderstands() {
        assertEquals(204, ALLOW.status());
        assertEquals(401, UNAUTHENTICATED.status());
        assertEquals(403, FORBIDDEN.status());
    }
}
