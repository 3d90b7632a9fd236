package io.fjord.build.docker;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Image;

/**
 * Removes the images Fjord built for an app, and only those: they carry {@code io.fjord.managed=true}
 * and {@code io.fjord.app=<app>}, and only their {@code fjord/<app>:*} tags are removed. An image still
 * used by a container (deploy-service stops them at the same time) is tried again for a while.
 */
@ApplicationScoped
public class AppImages {
    private static final Logger LOG = Logger.getLogger(AppImages.class);
    private static final int ATTEMPTS = 24;
    private static final long RETRY_SECONDS = 5;

    private final DockerClient docker;
    private final ScheduledExecutorService retries = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "image-cleanup");
        thread.setDaemon(true);
        return thread;
    });

    AppImages(DockerClient docker) {
        this.docker = docker;
    }

    /** Starts removing the app's images in the background and returns at once. */
    public void removeAll(String app) {
        retries.execute(() -> attempt(app, 1));
    }

    /** Removes one tag if it exists; used when a build's image must not stay. */
    public void removeTag(String tag) {
        try {
            docker.removeImageCmd(tag).withForce(false).exec();
        } catch (NotFoundException gone) {
            // nothing to remove
        }
    }

    private void attempt(String app, int attempt) {
        List<String> inUse = new ArrayList<>();
        try {
            List<Image> images = docker.listImagesCmd()
                    .withLabelFilter(Map.of("io.fjord.managed", "true", "io.fjord.app", app))
                    .exec();
            for (Image image : images) {
                for (String reference : references(app, image)) {
                    try {
                        docker.removeImageCmd(reference).withForce(false).exec();
                    } catch (NotFoundException gone) {
                        // removed meanwhile
                    } catch (ConflictException used) {
                        inUse.add(reference);
                    }
                }
            }
        } catch (RuntimeException e) {
            LOG.warnf("app %s: removing its images failed: %s", app, e.toString());
            inUse.add("(all)");
        }
        if (inUse.isEmpty()) {
            return;
        }
        if (attempt < ATTEMPTS) {
            retries.schedule(() -> attempt(app, attempt + 1), RETRY_SECONDS, TimeUnit.SECONDS);
        } else {
            LOG.warnf("app %s: images %s are still in use after %d attempts; left in place", app, inUse, attempt);
        }
    }

    /** The app's own tags on the image; an untagged image of ours goes by its id. */
    private static List<String> references(String app, Image image) {
        String[] tags = image.getRepoTags() == null ? new String[0] : image.getRepoTags();
        List<String> ours = new ArrayList<>();
        boolean otherTags = false;
        for (String tag : tags) {
            if (tag.startsWith("fjord/" + app + ":")) {
                ours.add(tag);
            } else if (!tag.equals("<none>:<none>")) {
                otherTags = true;
            }
        }
        if (ours.isEmpty() && !otherTags) {
            ours.add(image.getId());
        }
        return ours;
    }

    @PreDestroy
    void stop() {
        retries.shutdownNow();
    }
}
