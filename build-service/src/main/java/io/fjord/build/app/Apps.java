package io.fjord.build.app;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import io.fjord.build.docker.AppImages;
import io.fjord.build.git.GitRepositories;
import io.fjord.build.webhook.WebhookSettings;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;

/** Keeps the app projection, each app's git repository and its images in step with deploy-service's apps. */
@ApplicationScoped
public class Apps {
    private static final Logger LOG = Logger.getLogger(Apps.class);

    private final GitRepositories repositories;
    private final AppImages images;
    private final WebhookSettings webhooks;

    Apps(GitRepositories repositories, AppImages images, WebhookSettings webhooks) {
        this.repositories = repositories;
        this.images = images;
        this.webhooks = webhooks;
    }

    /** Idempotent: a redelivered or repeated app.created leaves one row and one repository. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void created(String name) {
        if (App.findById(name) == null) {
            App app = new App();
            app.name = name;
            app.persist();
        }
        repositories.ensure(name);
        LOG.infof("app %s: repository ready", name);
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void destroyed(String name) {
        App.deleteById(name);
        webhooks.forget(name);
        repositories.delete(name);
        images.removeAll(name);
        LOG.infof("app %s: projection, webhook settings, repository and images removed", name);
    }

    /** Rewrites every app's hook on start, so a new hook template or new URLs reach existing repositories. */
    void refreshRepositories(@Observes StartupEvent ignored) {
        List<String> names = QuarkusTransaction.requiringNew()
                .call(() -> App.<App>listAll().stream().map(app -> app.name).toList());
        for (String name : names) {
            try {
                repositories.ensure(name);
            } catch (RuntimeException e) {
                LOG.errorf(e, "app %s: its repository could not be refreshed", name);
            }
        }
    }
}
