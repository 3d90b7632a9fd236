package io.fjord.proxy.route;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.fjord.proxy.tls.Pem;

/**
 * Everything the edge serves for one app: its row of the route table with its domains and certificates.
 * Immutable: a change makes a new one, which becomes the stored one only once nginx serves it.
 *
 * @param generation the {@code routes.changed} generation of the upstreams; 0 before the first deploy
 * @param domains the app's own domains, besides {@code <app>.<FJORD_DOMAIN>}, checked and sorted
 * @param maintenance every request answers the maintenance page
 * @param maxBodySize the largest request body in nginx size syntax; null for the platform's default
 * @param certificates at most one per domain; those domains are served over HTTPS
 */
public record AppRoute(String app, long generation, List<Upstream> upstreams, List<String> domains,
        boolean maintenance, String maxBodySize, List<Cert> certificates) {

    public AppRoute {
        upstreams = List.copyOf(upstreams);
        domains = List.copyOf(domains);
        certificates = List.copyOf(certificates);
    }

    /** An app the edge has nothing stored for: no containers, no domains, the defaults. */
    public static AppRoute empty(String app) {
        return new AppRoute(app, 0, List.of(), List.of(), false, null, List.of());
    }

    public AppRoute withUpstreams(long generation, List<Upstream> upstreams) {
        return new AppRoute(app, generation, upstreams, domains, maintenance, maxBodySize, certificates);
    }

    /** The domains replaced; the certificates of domains no longer listed go with them. */
    public AppRoute withDomains(List<String> domains) {
        List<Cert> kept = certificates.stream().filter(cert -> domains.contains(cert.domain())).toList();
        return new AppRoute(app, generation, upstreams, domains, maintenance, maxBodySize, kept);
    }

    public AppRoute withMaintenance(boolean maintenance) {
        return new AppRoute(app, generation, upstreams, domains, maintenance, maxBodySize, certificates);
    }

    public AppRoute withMaxBodySize(String maxBodySize) {
        return new AppRoute(app, generation, upstreams, domains, maintenance, maxBodySize, certificates);
    }

    /** The certificate of its domain replaced (or added). */
    public AppRoute withCertificate(Cert cert) {
        List<Cert> certs = new ArrayList<>(withoutCertificate(cert.domain()).certificates());
        certs.add(cert);
        return new AppRoute(app, generation, upstreams, domains, maintenance, maxBodySize, certs);
    }

    public AppRoute withoutCertificate(String domain) {
        return new AppRoute(app, generation, upstreams, domains, maintenance, maxBodySize,
                certificates.stream().filter(cert -> !cert.domain().equals(domain)).toList());
    }

    public Optional<Cert> certificate(String domain) {
        return certificates.stream().filter(cert -> cert.domain().equals(domain)).findFirst();
    }

    /** The same route as the table holds it: no certificate files in memory. */
    public AppRoute stored() {
        return new AppRoute(app, generation, upstreams, domains, maintenance, maxBodySize,
                certificates.stream().map(Cert::withoutFiles).toList());
    }

    /** Where a certificate came from: renewal applies to those Fjord ordered itself. */
    public enum Source {
        UPLOADED, ACME
    }

    /**
     * A certificate served for one of the app's domains, as the table records it.
     *
     * @param fingerprint SHA-256 of the server certificate, hex: tells the file on disk is the one recorded
     * @param files the chain and key while they are being installed; null once they are on disk
     */
    public record Cert(String domain, Source source, Instant notAfter, String fingerprint, String issuer, Pem files) {

        public Cert withoutFiles() {
            return new Cert(domain, source, notAfter, fingerprint, issuer, null);
        }
    }
}
