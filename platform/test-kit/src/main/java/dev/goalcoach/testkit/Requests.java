package dev.goalcoach.testkit;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.util.UUID;

/** Calls a service the way a client would: over HTTP, with JSON, and a bearer token when there is one. */
public final class Requests {

    /** With this token ({@link TestTokens}). */
    public static RequestSpecification as(String token) {
        return given().contentType(ContentType.JSON).header("Authorization", TestTokens.bearer(token));
    }

    /** As the member {@code id}. */
    public static RequestSpecification asMember(UUID id) {
        return as(TestTokens.member(id));
    }

    /** Without a token. */
    public static RequestSpecification anonymous() {
        return given().contentType(ContentType.JSON);
    }

    private Requests() {}
}
