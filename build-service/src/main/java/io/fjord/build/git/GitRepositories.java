package io.fjord.build.git;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.StoredConfig;

import io.fjord.build.app.AppNames;
import io.fjord.build.source.Trees;

/** The apps' bare repositories, each with the pre-receive hook that turns a push into a build. */
@ApplicationScoped
public class GitRepositories {
    private final GitConfig config;
    private final HookTemplate hook = HookTemplate.fromResource();

    GitRepositories(GitConfig config) {
        this.config = config;
    }

    public Path path(String app) {
        if (!AppNames.isValid(app)) {
            throw new IllegalArgumentException("not an app name: " + app);
        }
        return config.root().toAbsolutePath().resolve(app + ".git");
    }

    /**
     * Creates the bare repository if it is missing (HEAD on main), (re)writes its hook and, with a group
     * configured, lets that group push.
     */
    public void ensure(String app) {
        Path repo = path(app);
        try {
            if (!Files.isRegularFile(repo.resolve("HEAD"))) {
                Files.createDirectories(repo);
                try (Git ignored = Git.init().setBare(true).setDirectory(repo.toFile()).setInitialBranch("main")
                        .call()) {
                    // init only
                }
            }
            share(repo);
            writeHook(app, repo.resolve("hooks"));
            config.group().ifPresent(group -> RepositoryPermissions.apply(repo, group));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the repository of " + app, e);
        } catch (GitAPIException e) {
            throw new IllegalStateException("cannot create the repository of " + app, e);
        }
    }

    /** Also for repositories made before: a push by another user (git, over SSH) keeps them usable. */
    private static void share(Path repo) throws IOException {
        try (Git git = Git.open(repo.toFile())) {
            StoredConfig settings = git.getRepository().getConfig();
            if (!"group".equals(settings.getString("core", null, "sharedRepository"))
                    || settings.getBoolean("receive", null, "autogc", true)) {
                settings.setString("core", null, "sharedRepository", "group");
                // gc would rewrite files the group may not write; build-service's owner can run it.
                settings.setBoolean("receive", null, "autogc", false);
                settings.save();
            }
        }
    }

    public void delete(String app) {
        Trees.deleteQuietly(path(app));
    }

    /** Written beside the hook and moved over it, so a push never runs a half-written hook. */
    private void writeHook(String app, Path hooks) throws IOException {
        Files.createDirectories(hooks);
        Path candidate = Files.createTempFile(hooks, ".pre-receive", ".tmp");
        try {
            Files.writeString(candidate, hook.render(app, config.hook()), StandardCharsets.UTF_8);
            Files.setPosixFilePermissions(candidate, PosixFilePermissions.fromString("rwxr-xr-x"));
            Files.move(candidate, hooks.resolve("pre-receive"), StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(candidate);
        }
    }
}
