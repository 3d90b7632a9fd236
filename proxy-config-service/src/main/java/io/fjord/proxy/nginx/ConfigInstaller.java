package io.fjord.proxy.nginx;

import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.fjord.proxy.nginx.ConfigTree.Candidate;

/**
 * The one way files of the live tree change: rendered into a candidate copy of the whole tree, validated
 * by {@code nginx -t}, swapped in file by file with atomic renames and reloaded. A refused change leaves
 * the live files as they were.
 */
@ApplicationScoped
public class ConfigInstaller {
    private static final Logger LOG = Logger.getLogger(ConfigInstaller.class);

    private final ConfigTree tree;
    private final NginxProcess nginx;

    ConfigInstaller(ConfigTree tree, NginxProcess nginx) {
        this.tree = tree;
        this.nginx = nginx;
    }

    /** A file of the tree to write whole or, without content, to remove. */
    public record FileChange(String relative, String content) {

        public static FileChange write(String relative, String content) {
            return new FileChange(relative, Objects.requireNonNull(content));
        }

        public static FileChange remove(String relative) {
            return new FileChange(relative, null);
        }

        boolean removes() {
            return content == null;
        }

        /** Keys go first and leave last, so no configuration on disk ever names a key that is not there. */
        int order() {
            boolean pem = relative.startsWith("certs/");
            return removes() ? (pem ? 3 : 2) : (pem ? 0 : 1);
        }

        /** The path only: the content may be a private key. */
        @Override
        public String toString() {
            return (removes() ? "remove " : "write ") + relative;
        }
    }

    /**
     * Validates the live tree with {@code changes} applied, swaps them in and reloads. Changes that would
     * leave a file as it is are left out; when none is left, nothing happens (not even a start of an nginx
     * that was stopped: that is the whole edge's business, see {@code EdgeApplier#reconcile}).
     *
     * @return empty when the changes are live, else why not, in nginx's words
     */
    public Optional<String> install(List<FileChange> changes) {
        List<FileChange> effective = changes.stream()
                .filter(change -> !tree.read(change.relative()).equals(Optional.ofNullable(change.content())))
                .sorted(Comparator.comparingInt(FileChange::order))
                .toList();
        if (effective.isEmpty()) {
            return Optional.empty();
        }
        try (Candidate candidate = tree.copyOfLive()) {
            for (FileChange change : effective) {
                if (change.removes()) {
                    candidate.delete(change.relative());
                } else {
                    candidate.write(change.relative(), change.content());
                }
            }
            NginxProcess.Check check = nginx.test(candidate.mainConfig(), candidate.root(), tree.dir());
            if (!check.passed()) {
                return Optional.of(reasonOf(check.output()));
            }
            warn(check.output());
            Map<String, Optional<String>> previous = new LinkedHashMap<>();
            for (FileChange change : effective) {
                previous.put(change.relative(), tree.read(change.relative()));
                if (change.removes()) {
                    tree.delete(change.relative());
                } else {
                    candidate.promote(change.relative());
                }
            }
            try {
                nginx.startOrReload();
                return Optional.empty();
            } catch (NginxException e) {
                // nginx does not serve the new files: put the old ones back, so the files say what is served.
                previous.forEach(tree::restore);
                return Optional.of(e.getMessage());
            }
        } catch (NginxException e) {
            return Optional.of(e.getMessage());
        }
    }

    /**
     * Makes {@code files} (path to content) the whole live tree, with the live certificate files named in
     * {@code keep} as they are: validated as a whole, swapped in, every other file removed, nginx started or
     * reloaded. When nginx refuses it, nothing is touched.
     *
     * @return empty when it is live, else nginx's reason
     * @throws NginxException when nginx took the files but did not start or reload
     */
    public Optional<String> replaceAll(Map<String, String> files, Collection<String> keep) {
        try (Candidate candidate = tree.empty()) {
            files.forEach(candidate::write);
            keep.forEach(candidate::link);
            NginxProcess.Check check = nginx.test(candidate.mainConfig(), candidate.root(), tree.dir());
            if (!check.passed()) {
                return Optional.of(reasonOf(check.output()));
            }
            warn(check.output());
            candidate.promoteAll();
        }
        nginx.startOrReload();
        return Optional.empty();
    }

    private static String reasonOf(NginxOutput output) {
        return output.reason("nginx -t failed without saying why");
    }

    private static void warn(NginxOutput output) {
        output.warnings().forEach(warning -> LOG.warnf("nginx: %s", warning));
    }
}
