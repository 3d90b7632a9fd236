package io.fjord.build.ssh;

import java.nio.file.Path;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** git push over SSH: the git user's authorized_keys, which build-service writes from its key table. */
@ConfigMapping(prefix = "fjord.ssh")
public interface SshConfig {

    /** Rewritten whole on every key change and at start; nothing else should edit it. */
    @WithDefault("/var/lib/fjord/git-home/.ssh/authorized_keys")
    Path authorizedKeys();

    /**
     * The command every key is forced to run, followed by the key's id and the repositories' folder. The
     * git user's shell is git-shell, which runs it from {@code ~/git-shell-commands/} (install.sh links it
     * to /usr/local/bin/fjord-git-serve); a path works with an ordinary shell.
     */
    @WithDefault("fjord-git-serve")
    String command();

    /** The file's owner (the git user, which sshd requires); unset: the user build-service runs as. */
    Optional<String> user();
}
