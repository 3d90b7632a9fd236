package io.fjord.build.git;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.fjord.build.testing.Commands;

/**
 * A push as another user in the repositories' group, as the git user pushes over SSH: it may add objects
 * and move refs, and may not touch the hook or the config. Needs root, to push as nobody:nogroup.
 */
class RepositoryPermissionsTest {
    @TempDir
    Path dir;

    @Test
    void anotherUserOfTheGroupCanPushButNotChangeTheHookOrConfig() throws Exception {
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")), "needs root to act as nobody");
        Files.setAttribute(dir, "unix:mode", 0755);
        Path repo = dir.resolve("shop.git");
        try (Git ignored = Git.init().setBare(true).setDirectory(repo.toFile()).setInitialBranch("main").call()) {
            // a repository as build-service makes it
        }
        Files.createDirectories(repo.resolve("hooks"));
        Files.writeString(repo.resolve("hooks/pre-receive"), "#!/bin/sh\nexit 0\n");
        Files.setAttribute(repo.resolve("hooks/pre-receive"), "unix:mode", 0755);
        Commands.git(repo, "config", "core.sharedRepository", "group");
        RepositoryPermissions.apply(repo, "nogroup");

        Path src = Files.createDirectories(dir.resolve("src"));
        Files.setAttribute(src, "unix:mode", 0755);
        // git refuses repositories of another owner unless told they are safe, in the user's own config, as
        // install.sh tells the git user.
        Files.writeString(dir.resolve(".gitconfig"), "[safe]\n\tdirectory = *\n");
        Map<String, String> asNobody = Map.of("HOME", dir.toString());
        String nobody = "setpriv --reuid=nobody --regid=nogroup --clear-groups ";
        for (String version : new String[] { "v1", "v2" }) {
            // Committed as root, pushed as nobody; the second push adds object folders, which stay in the group.
            Commands.run(src, Map.of(), "chown", "-R", "root:root", src.toString());
            String commit = Commands.busyboxApp(src, version);
            Commands.run(src, Map.of(), "chown", "-R", "nobody:nogroup", src.toString());
            Commands.Result push = Commands.run(src, asNobody, "sh", "-c", nobody + "git push -q " + repo + " main 2>&1");
            assertEquals(0, push.exitCode(), push.output());
            assertEquals(commit, Commands.git(repo, "rev-parse", "refs/heads/main"));
        }

        for (String forbidden : new String[] { "hooks/pre-receive", "config", "hooks/post-update" }) {
            Commands.Result write = Commands.run(dir, Map.of(), "sh", "-c", nobody + "sh -c 'echo x >> " + repo
                    + "/" + forbidden + "' 2>&1");
            assertNotEquals(0, write.exitCode(), forbidden + " is writable by the group");
        }
        Commands.Result replace = Commands.run(dir, Map.of(), "sh", "-c", nobody + "sh -c 'echo x > " + repo
                + "/config.new && mv " + repo + "/config.new " + repo + "/config' 2>&1");
        assertNotEquals(0, replace.exitCode(), "the group replaced the config");
        assertTrue(Files.readString(repo.resolve("config")).contains("sharedRepository"));
    }
}
