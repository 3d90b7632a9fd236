package io.fjord.deploy;

import io.quarkus.test.junit.callback.QuarkusTestBeforeEachCallback;
import io.quarkus.test.junit.callback.QuarkusTestMethodContext;
import io.restassured.RestAssured;
import io.restassured.filter.Filter;

/**
 * Every test request carries the edge's secret, as nginx adds it: the tests call the service directly,
 * and with FJORD_AUTH_ENABLED=true in the environment (fjord.env) the service refuses calls without it.
 * A request that names the header itself keeps its own value.
 */
public class EdgeHeader implements QuarkusTestBeforeEachCallback {
    public static final String HEADER = "X-Fjord-Edge";
    private static final String SECRET = System.getenv("FJORD_EDGE_SECRET");
    private static final Filter ADD = (request, response, context) -> {
        if (!request.getHeaders().hasHeaderWithName(HEADER)) {
            request.header(HEADER, SECRET);
        }
        return context.next(request, response);
    };

    @Override
    public void beforeEach(QuarkusTestMethodContext context) {
        if (SECRET != null && !SECRET.isBlank() && !RestAssured.filters().contains(ADD)) {
            RestAssured.filters(ADD);
        }
    }
}
