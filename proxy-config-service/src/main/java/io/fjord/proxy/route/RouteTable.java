package io.fjord.proxy.route;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import io.fjord.proxy.route.AppRoute.Cert;
import io.quarkus.panache.common.Sort;

/**
 * The route table as whole {@link AppRoute}s: the route row, the domains and the certificates of each app.
 * Callers hold the transaction.
 */
@ApplicationScoped
@Transactional(TxType.MANDATORY)
public class RouteTable {

    /** The app's route as stored, or an empty one when nothing is. */
    public AppRoute load(String app) {
        Route route = Route.findById(app);
        List<String> domains = Domain.<Domain>list("app", Sort.by("name"), app).stream().map(d -> d.name).toList();
        List<Cert> certs = TlsCertificate.<TlsCertificate>list("app", Sort.by("domain"), app).stream()
                .map(RouteTable::cert).toList();
        return of(app, route, domains, certs);
    }

    /** Every app with a route, by name. */
    public List<AppRoute> all() {
        Map<String, List<String>> domains = Domain.<Domain>listAll(Sort.by("name")).stream()
                .collect(Collectors.groupingBy(d -> d.app, Collectors.mapping(d -> d.name, Collectors.toList())));
        Map<String, List<Cert>> certs = TlsCertificate.<TlsCertificate>listAll(Sort.by("domain")).stream()
                .collect(Collectors.groupingBy(c -> c.app, Collectors.mapping(RouteTable::cert, Collectors.toList())));
        return Route.listByApp().stream().map(route -> of(route.app, route,
                domains.getOrDefault(route.app, List.of()), certs.getOrDefault(route.app, List.of()))).toList();
    }

    public Optional<String> ownerOf(String domain) {
        return Domain.<Domain>findByIdOptional(domain).map(d -> d.app);
    }

    public boolean known(String app) {
        return App.findById(app) != null;
    }

    /** A certificate that ends before some time. */
    public record Ending(String app, String domain, AppRoute.Source source, Instant notAfter) {
    }

    /** The certificates that end before {@code cutoff}, soonest first. */
    public List<Ending> certificatesEndingBefore(Instant cutoff) {
        return TlsCertificate.<TlsCertificate>list("notAfter < ?1", Sort.by("notAfter"), cutoff).stream()
                .map(row -> new Ending(row.app, row.domain, row.source, row.notAfter)).toList();
    }

    /**
     * Stores routes and removes apps, all in the caller's transaction. Every old domain and certificate
     * row of these apps goes first, in bulk statements that run at once: a domain that moves from one app
     * to another in the same batch must be free before it is inserted again.
     */
    public void save(Collection<AppRoute> routes, Collection<String> removed) {
        List<String> apps = new ArrayList<>(removed);
        routes.forEach(route -> apps.add(route.app()));
        if (apps.isEmpty()) {
            return;
        }
        Domain.delete("app in ?1", apps);
        TlsCertificate.delete("app in ?1", apps);
        Route.delete("app in ?1", List.copyOf(removed));
        Instant now = Instant.now();
        for (AppRoute next : routes) {
            Route route = Route.findById(next.app());
            if (route == null) {
                route = new Route();
                route.app = next.app();
            }
            route.generation = next.generation();
            route.upstreams = next.upstreams();
            route.maintenance = next.maintenance();
            route.maxBodySize = next.maxBodySize();
            route.updatedAt = now;
            route.persist();
            for (String name : next.domains()) {
                Domain domain = new Domain();
                domain.name = name;
                domain.app = next.app();
                domain.persist();
            }
            for (Cert cert : next.certificates()) {
                TlsCertificate row = new TlsCertificate();
                row.domain = cert.domain();
                row.app = next.app();
                row.source = cert.source();
                row.notAfter = cert.notAfter();
                row.fingerprint = cert.fingerprint();
                row.issuer = cert.issuer();
                row.updatedAt = now;
                row.persist();
            }
        }
    }

    private static AppRoute of(String app, Route route, List<String> domains, List<Cert> certs) {
        if (route == null) {
            return AppRoute.empty(app).withDomains(domains);
        }
        return new AppRoute(app, route.generation, route.upstreams, domains, route.maintenance, route.maxBodySize,
                certs);
    }

    private static Cert cert(TlsCertificate row) {
        return new Cert(row.domain, row.source, row.notAfter, row.fingerprint, row.issuer, null);
    }
}
