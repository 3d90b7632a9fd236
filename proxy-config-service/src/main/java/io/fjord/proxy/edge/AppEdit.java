package io.fjord.proxy.edge;

import java.util.Optional;

import io.fjord.proxy.route.AppRoute;

/** A change an API call makes to an app's route: its domains, a certificate, maintenance, body size. */
@FunctionalInterface
public interface AppEdit {

    /**
     * The app's route after the edit.
     *
     * @param owners who owns a domain, counting the changes applied before this one in the same batch
     * @throws io.fjord.platform.api.ApiException to refuse the edit
     */
    AppRoute apply(AppRoute current, DomainOwners owners);

    /** Which app a domain belongs to. */
    interface DomainOwners {
        Optional<String> ownerOf(String domain);
    }
}
