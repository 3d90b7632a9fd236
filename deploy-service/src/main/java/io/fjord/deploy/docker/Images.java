package io.fjord.deploy.docker;

import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectImageResponse;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.NotFoundException;

/**
 * The app images releases run. Fjord removes only its own: an image is removed only when it carries
 * {@code io.fjord.managed=true} and the app's {@code io.fjord.app} label, and only its
 * {@code fjord/<app>:*} tags are removed; the engine itself refuses to remove an image a container uses.
 */
@ApplicationScoped
public class Images {
    private static final Logger LOG = Logger.getLogger(Images.class);

    private final DockerClient docker;

    Images(DockerClient docker) {
        this.docker = docker;
    }

    public boolean exists(String image) {
        try {
            docker.inspectImageCmd(image).exec();
            return true;
        } catch (NotFoundException e) {
            return false;
        }
    }

    /**
     * Removes the app's tags of an image (the image goes with its last tag). True when the image is gone
     * or no longer Fjord's to remove (never was, or already removed); false when it must stay (in use).
     */
    public boolean remove(String app, String image) {
        InspectImageResponse inspect;
        try {
            inspect = docker.inspectImageCmd(image).exec();
        } catch (NotFoundException gone) {
            return true;
        }
        Map<String, String> labels = inspect.getConfig() == null || inspect.getConfig().getLabels() == null ? Map.of()
                : inspect.getConfig().getLabels();
        if (!"true".equals(labels.get(Labels.MANAGED)) || !app.equals(labels.get(Labels.APP))) {
            LOG.warnf("%s: image %s is not labelled as one of the app's; left alone", app, image);
            return true;
        }
        List<String> tags = inspect.getRepoTags() == null ? List.of() : inspect.getRepoTags();
        String ours = "fjord/" + app + ":";
        try {
            for (String tag : tags) {
                if (tag.startsWith(ours)) {
                    docker.removeImageCmd(tag).withForce(false).withNoPrune(false).exec();
                }
            }
            LOG.infof("%s: image %s removed", app, image);
            return true;
        } catch (NotFoundException gone) {
            return true;
        } catch (ConflictException inUse) {
            LOG.debugf("%s: image %s is in use; kept", app, image);
            return false;
        }
    }
}
