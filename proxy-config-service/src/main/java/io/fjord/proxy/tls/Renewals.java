package io.fjord.proxy.tls;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import io.fjord.proxy.acme.AcmeConfig;
import io.quarkus.scheduler.Scheduled;

/** Keeps the certificates Fjord ordered from expiring: those that end within 30 days are ordered again. */
@ApplicationScoped
class Renewals {

    private final Certificates certificates;
    private final AcmeConfig config;

    Renewals(Certificates certificates, AcmeConfig config) {
        this.certificates = certificates;
        this.config = config;
    }

    // Twice a day, like certbot: a CA that is down on one run is tried again well before the end.
    @Scheduled(every = "${fjord.acme.renew-every}", delayed = "${fjord.acme.renew-delay}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void renew() {
        certificates.renewEndingBefore(Instant.now().plus(config.renewBefore()));
    }
}
