package io.fjord.platform.api;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

/** Turns every failure into a JSON error a person can read, and never leaks internals in a 500. */
public class ApiErrorMappers {
    private static final Logger LOG = Logger.getLogger(ApiErrorMappers.class);

    @ServerExceptionMapper
    public Response api(ApiException e) {
        return error(e.status(), e.getMessage());
    }

    @ServerExceptionMapper
    public Response json(JsonProcessingException e) {
        return error(400, "the body is not valid JSON of the expected shape");
    }

    /**
     * JSON of the wrong shape (an array where an object belongs). Quarkus maps this exception itself, to
     * a 400 without a body, and its specific mapper wins over the general one above; this one is as specific.
     */
    @ServerExceptionMapper
    public Response mismatched(MismatchedInputException e) {
        return error(400, "the body is not valid JSON of the expected shape");
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        if (e.getCause() instanceof JsonProcessingException) {
            // Quarkus REST wraps a body it could not map as "HTTP 400 Bad Request": say what was wrong.
            return error(400, "the body is not valid JSON of the expected shape");
        }
        if (status >= 500) {
            LOG.error("request failed", e);
            return error(status, "internal error");
        }
        String reason = e.getResponse().getStatusInfo().getReasonPhrase();
        return error(status, status == 400 && e.getMessage() != null && !e.getMessage().startsWith("HTTP ")
                ? e.getMessage() : reason.toLowerCase());
    }

    @ServerExceptionMapper
    public Response unexpected(RuntimeException e) {
        LOG.error("request failed", e);
        return error(500, "internal error; the service log has the details");
    }

    public static Response error(int status, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(new ApiError(message)).build();
    }
}
