package io.fjord.session.support;

import static io.restassured.RestAssured.given;

import java.util.UUID;

import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * Calls of the identity API as the tests make them. With {@code fjord.auth.enabled} off (the test
 * profile) the API is reached directly; {@code /auth/verify} is asked as nginx would ask it.
 */
public final class Api {

    private Api() {
    }

    /** A name no earlier run used: lowercase, fit for tokens, users and apps. */
    public static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** A new token's response (201 checked). */
    public static ExtractableResponse<Response> createToken(String name, String scope) {
        return given().contentType(ContentType.JSON)
                .body("{\"name\": \"" + name + "\", \"scope\": \"" + scope + "\"}")
                .when().post("/api/tokens")
                .then().statusCode(201).extract();
    }

    /** The secret of a new token. */
    public static String token(String scope) {
        return createToken(unique("t"), scope).path("token");
    }

    public static void createUser(String name, String password, String scope) {
        given().contentType(ContentType.JSON)
                .body("{\"name\": \"" + name + "\", \"password\": \"" + password + "\", \"scope\": \"" + scope + "\"}")
                .when().post("/api/users")
                .then().statusCode(201);
    }

    /** Asks /auth/verify about a call as nginx does, with a bearer token (or none). */
    public static ExtractableResponse<Response> verify(String method, String uri, String token) {
        RequestSpecification request = given().header("X-Original-Method", method).header("X-Original-URI", uri);
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return request.when().get("/auth/verify").then().extract();
    }

    /** Asks /auth/verify about a call made with a login cookie. */
    public static ExtractableResponse<Response> verifyWithCookie(String method, String uri, String loginSession) {
        return given().header("X-Original-Method", method).header("X-Original-URI", uri)
                .cookie("fjord_session", loginSession)
                .when().get("/auth/verify").then().extract();
    }
}
