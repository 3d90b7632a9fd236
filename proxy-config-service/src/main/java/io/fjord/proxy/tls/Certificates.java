package io.fjord.proxy.tls;

import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.fjord.platform.api.ApiException;
import io.fjord.proxy.acme.AcmeIssuer;
import io.fjord.proxy.acme.AcmeIssuer.AcmeFailure;
import io.fjord.proxy.edge.EdgeApplier;
import io.fjord.proxy.route.AppRoute;
import io.fjord.proxy.route.AppRoute.Cert;
import io.fjord.proxy.route.AppRoute.Source;
import io.fjord.proxy.route.DomainNames;
import io.fjord.proxy.route.RouteTable;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * The certificates of an app's domains: uploaded ones checked and installed, ACME ones ordered and
 * installed, removed ones taken off. Installing goes through the applier like every change of the edge.
 */
@ApplicationScoped
public class Certificates {
    private static final Logger LOG = Logger.getLogger(Certificates.class);

    private final EdgeApplier applier;
    private final AcmeIssuer acme;
    private final RouteTable table;

    Certificates(EdgeApplier applier, AcmeIssuer acme, RouteTable table) {
        this.applier = applier;
        this.acme = acme;
        this.table = table;
    }

    /**
     * Checks a certificate and its key and serves them for one of the app's domains.
     *
     * @throws ApiException 400 saying what is wrong with them, 404 for an unknown app
     */
    public Cert install(String app, String domain, String certificate, String privateKey, Source source) {
        String name = domainName(domain);
        CertificateCheck.Checked checked;
        try {
            checked = CertificateCheck.check(name, certificate, privateKey, Instant.now());
        } catch (IllegalArgumentException invalid) {
            throw ApiException.badRequest(invalid.getMessage());
        }
        Cert cert = new Cert(name, source, checked.notAfter(), checked.fingerprint(), checked.issuer(), checked.pem());
        AppRoute route = applier.edit(app, "certificate of " + name + " (" + source.name().toLowerCase() + ", until "
                + checked.notAfter() + ")", (current, owners) -> {
                    requireDomainOf(current, name);
                    return current.withCertificate(cert);
                }).live();
        return route.certificate(name).orElseThrow();
    }

    /**
     * Orders a certificate for one of the app's domains from the ACME CA and serves it.
     *
     * @throws ApiException 400 for a domain the app does not have or a wildcard, 502 when the CA does not issue
     */
    public Cert order(String app, String domain) {
        String name = domainName(domain);
        if (name.startsWith("*.")) {
            throw ApiException.badRequest("HTTP-01 cannot prove a wildcard domain; upload a certificate for " + name);
        }
        requireDomainOf(QuarkusTransaction.requiringNew().call(() -> {
            if (!table.known(app)) {
                throw ApiException.notFound("no app is named " + app);
            }
            return table.load(app);
        }), name);
        try {
            var pem = acme.issue(name);
            return install(app, name, pem.chain(), pem.key(), Source.ACME);
        } catch (AcmeFailure failure) {
            throw new ApiException(502, failure.getMessage());
        }
    }

    /** Serves the domain over plain HTTP again; its certificate and key are deleted. */
    public void remove(String app, String domain) {
        String name = domainName(domain);
        applier.edit(app, "certificate of " + name + " removed", (current, owners) -> {
            if (current.certificate(name).isEmpty()) {
                throw ApiException.notFound(app + " has no certificate for " + name);
            }
            return current.withoutCertificate(name);
        }).live();
    }

    /**
     * Orders again the ACME certificates that end before {@code cutoff}, and warns about uploaded ones.
     *
     * @return the domains renewed
     */
    public List<String> renewEndingBefore(Instant cutoff) {
        List<RouteTable.Ending> ending = QuarkusTransaction.requiringNew().call(() -> table.certificatesEndingBefore(cutoff));
        return ending.stream().filter(cert -> {
            if (cert.source() != Source.ACME) {
                LOG.warnf("the uploaded certificate of %s (app %s) ends %s; upload a new one", cert.domain(), cert.app(),
                        cert.notAfter());
                return false;
            }
            try {
                Cert renewed = order(cert.app(), cert.domain());
                LOG.infof("certificate of %s (app %s) renewed until %s", cert.domain(), cert.app(), renewed.notAfter());
                return true;
            } catch (RuntimeException e) {
                LOG.errorf("the certificate of %s (app %s) ends %s and could not be renewed: %s", cert.domain(), cert.app(),
                        cert.notAfter(), e.getMessage());
                return false;
            }
        }).map(RouteTable.Ending::domain).toList();
    }

    private static String domainName(String domain) {
        try {
            return DomainNames.name(domain);
        } catch (IllegalArgumentException invalid) {
            throw ApiException.badRequest(invalid.getMessage());
        }
    }

    private static void requireDomainOf(AppRoute route, String domain) {
        if (!route.domains().contains(domain)) {
            throw ApiException.badRequest(domain + " is not a domain of " + route.app() + "; add it with PUT /api/apps/"
                    + route.app() + "/domains first");
        }
    }
}
