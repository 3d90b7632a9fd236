package io.fjord.build.api;

import java.net.URI;
import java.util.List;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.fjord.build.ssh.SshKey;
import io.fjord.build.ssh.SshKeys;
import io.fjord.platform.api.ApiException;

/** The public keys that may {@code git push} over SSH. */
@Path("/api/keys")
@Produces(MediaType.APPLICATION_JSON)
public class KeyResource {
    private final SshKeys keys;

    KeyResource(SshKeys keys) {
        this.keys = keys;
    }

    /** {@code {"publicKey": "ssh-ed25519 AAAA... comment", "name": "laptop"}}; name defaults to the comment. */
    public record NewKey(String publicKey, String name) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response add(NewKey body) {
        if (body == null) {
            throw ApiException.badRequest("send {\"publicKey\": \"ssh-ed25519 AAAA... comment\"}");
        }
        SshKey key = keys.add(body.publicKey(), body.name());
        return Response.created(URI.create("/api/keys/" + key.id)).entity(KeyView.of(key)).build();
    }

    @GET
    public List<KeyView> list() {
        return keys.list().stream().map(KeyView::of).toList();
    }

    @DELETE
    @Path("/{id}")
    public Response remove(@PathParam("id") String id) {
        if (!id.matches("[0-9]{1,18}")) {
            throw ApiException.notFound("no key with id '" + (id.length() > 40 ? id.substring(0, 40) + "..." : id) + "'");
        }
        keys.remove(Long.parseLong(id));
        return Response.noContent().build();
    }
}
