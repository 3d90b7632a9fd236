package io.fjord.proxy.api;

import java.net.URI;
import java.time.Instant;
import java.util.List;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.fjord.platform.api.ApiException;
import io.fjord.proxy.route.AppRoute.Cert;
import io.fjord.proxy.route.AppRoute.Source;
import io.fjord.proxy.tls.Certificates;

/**
 * The certificates of an app's domains: uploaded ({@code PUT}) or ordered from the ACME CA
 * ({@code POST /acme}), served over HTTPS with HTTP/2 once the call answers. Keys go in and never come out.
 */
@Path("/api/apps/{app}/certs")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class CertsResource {

    private final Certificates certificates;
    private final KnownApps apps;

    CertsResource(Certificates certificates, KnownApps apps) {
        this.certificates = certificates;
        this.apps = apps;
    }

    /**
     * A certificate to serve for one of the app's domains.
     *
     * @param certificate the server's certificate, then its intermediates, PEM
     * @param privateKey its key, PEM, without a passphrase
     */
    public record Upload(String domain, String certificate, String privateKey) {

        /** Without the key, in case anything prints the request. */
        @Override
        public String toString() {
            return "Upload[domain=" + domain + ", key withheld]";
        }
    }

    public record Order(String domain) {
    }

    /** What is known about a certificate; never its key. */
    public record CertView(String domain, String source, Instant notAfter, String issuer, String fingerprint) {

        static CertView of(Cert cert) {
            return new CertView(cert.domain(), cert.source().name().toLowerCase(), cert.notAfter(), cert.issuer(),
                    cert.fingerprint());
        }
    }

    @GET
    public List<CertView> list(@PathParam("app") String app) {
        return apps.route(app).certificates().stream().map(CertView::of).toList();
    }

    @PUT
    public CertView upload(@PathParam("app") String app, Upload body) {
        apps.route(app);
        if (body == null) {
            throw ApiException.badRequest("the body is {\"domain\", \"certificate\" (PEM chain), \"privateKey\" (PEM)}");
        }
        return CertView.of(certificates.install(app, body.domain(), body.certificate(), body.privateKey(), Source.UPLOADED));
    }

    /** Orders a certificate over ACME HTTP-01; the call answers once it is served (seconds, up to a minute). */
    @POST
    @Path("acme")
    public Response order(@PathParam("app") String app, Order body) {
        apps.route(app);
        if (body == null) {
            throw ApiException.badRequest("the body is {\"domain\": \"www.example.com\"}");
        }
        CertView cert = CertView.of(certificates.order(app, body.domain()));
        return Response.created(URI.create("/api/apps/" + app + "/certs")).entity(cert).build();
    }

    @DELETE
    @Path("{domain}")
    public Response remove(@PathParam("app") String app, @PathParam("domain") String domain) {
        apps.route(app);
        certificates.remove(app, domain);
        return Response.noContent().build();
    }
}
