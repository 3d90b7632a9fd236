package io.fjord.session.api;

import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import io.fjord.platform.api.ApiException;
import io.fjord.session.access.AppNames;
import io.fjord.session.audit.AuditLog;

/** The audit trail, newest first (admin only, decided at the edge): {@code GET /api/audit?app=&limit=}. */
@Path("/api/audit")
@Produces(MediaType.APPLICATION_JSON)
public class AuditResource {
    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1000;

    private final AuditLog audit;

    AuditResource(AuditLog audit) {
        this.audit = audit;
    }

    @GET
    public List<AuditView> list(@QueryParam("app") String app, @QueryParam("limit") String limit) {
        if (app != null && !AppNames.isValid(app)) {
            throw ApiException.badRequest("app must be an app name (^[a-z][a-z0-9-]{1,29}$)");
        }
        return audit.newest(app, limit(limit)).stream().map(AuditView::of).toList();
    }

    private static int limit(String text) {
        if (text == null || text.isEmpty()) {
            return DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(text);
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // the message below says what is expected
        }
        throw ApiException.badRequest("limit must be a whole number from 1 to " + MAX_LIMIT);
    }
}
