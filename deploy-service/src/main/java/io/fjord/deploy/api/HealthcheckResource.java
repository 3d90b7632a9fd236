package io.fjord.deploy.api;

import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.fjord.deploy.app.App;
import io.fjord.deploy.app.Apps;
import io.fjord.deploy.docker.ContainerSpec;
import io.fjord.deploy.release.AppRuntime;
import io.fjord.deploy.release.HealthChecks;
import io.fjord.deploy.release.Readiness;
import io.fjord.deploy.release.Releases;
import io.fjord.platform.api.ApiException;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * The health checks new containers must pass, per process type, in app.json's {@code healthchecks}
 * shape: {@code PUT {"web": [{"path": "/health", "attempts": 5, "timeout": 2, "wait": 1, "initialDelay": 0}]}}
 * overrides the image's app.json until {@code DELETE}. {@code GET} shows what applies and where it comes
 * from ({@code api}, {@code app.json} of the live image, or {@code default}). Changes apply to the
 * containers started from then on.
 */
@Path("/api/apps/{app}/healthcheck")
@Produces(MediaType.APPLICATION_JSON)
public class HealthcheckResource {
    private final AppRuntime runtime;
    private final Releases releases;
    private final Readiness readiness;

    HealthcheckResource(AppRuntime runtime, Releases releases, Readiness readiness) {
        this.runtime = runtime;
        this.releases = releases;
        this.readiness = readiness;
    }

    @GET
    public ObjectNode get(@PathParam("app") String name) {
        HealthChecks api = QuarkusTransaction.requiringNew().call(() -> runtime.apiChecks(Apps.lock(name)).orElse(null));
        if (api != null) {
            return view("api", api);
        }
        HealthChecks appJson = releases.livePlan(name).map(plan -> {
            try {
                return readiness.checks(plan);
            } catch (IllegalArgumentException e) {
                throw ApiException.conflict(e.getMessage());
            }
        }).orElse(HealthChecks.NONE);
        return view(appJson.checks().isEmpty() ? "default" : "app.json", appJson);
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Transactional
    public ObjectNode put(@PathParam("app") String name, JsonNode body) {
        App app = Apps.lock(name);
        HealthChecks checks;
        try {
            checks = HealthChecks.parse(body, runtime.defaultCheck());
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
        app.healthchecks = checks.toJson().toString();
        return view("api", checks);
    }

    @DELETE
    @Transactional
    public Response delete(@PathParam("app") String name) {
        Apps.lock(name).healthchecks = null;
        return Response.noContent().build();
    }

    /** {@code {"source": ..., "checks": {"web": [...]}}}, web's default spelled out when no check names it. */
    private ObjectNode view(String source, HealthChecks checks) {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("source", source);
        ObjectNode all = checks.toJson();
        if (!all.has(ContainerSpec.WEB)) {
            all.putArray(ContainerSpec.WEB).add(HealthChecks.toJson(runtime.defaultCheck()));
        }
        json.set("checks", all);
        return json;
    }
}
