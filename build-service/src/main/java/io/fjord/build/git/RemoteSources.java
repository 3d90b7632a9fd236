package io.fjord.build.git;

import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.util.io.resource.PathResource;
import org.apache.sshd.common.util.security.SecurityUtils;
import org.eclipse.jgit.api.FetchCommand;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.api.errors.JGitInternalException;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.EmptyProgressMonitor;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectLoader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.SshTransport;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;
import org.eclipse.jgit.transport.sshd.ServerKeyDatabase;
import org.eclipse.jgit.transport.sshd.SshdSessionFactory;
import org.eclipse.jgit.transport.sshd.SshdSessionFactoryBuilder;
import org.eclipse.jgit.treewalk.TreeWalk;

import io.fjord.build.builds.BuildConfig;
import io.fjord.build.builds.BuildOutput;
import io.fjord.build.builds.BuildSource;
import io.fjord.build.source.ArchiveRejected;
import io.fjord.build.source.Source;
import io.fjord.build.source.SourceArchive;
import io.fjord.build.source.Trees;

/**
 * Fetches a commit from a remote repository with JGit and hands it to the build as an upload would come:
 * the commit's tree becomes a tar.gz that {@link SourceArchive} receives and checks like any other.
 * The fetch happens on the build's worker, so it shows in the build log and can be cancelled.
 */
@ApplicationScoped
public class RemoteSources {
    /** A fetch with no progress for this long fails. */
    private static final int NETWORK_TIMEOUT_SECONDS = 120;

    private final SourceArchive sources;
    private final BuildConfig config;

    RemoteSources(SourceArchive sources, BuildConfig config) {
        this.sources = sources;
        this.config = config;
    }

    public BuildSource of(RemoteSource remote) {
        return new BuildSource() {
            @Override
            public Source prepare(BuildOutput output, BooleanSupplier stopped) {
                return fetch(remote, output, stopped);
            }

            @Override
            public void discard() {
                // nothing fetched yet
            }
        };
    }

    private Source fetch(RemoteSource remote, BuildOutput output, BooleanSupplier stopped) {
        Path folder = createFolder();
        SshdSessionFactory ssh = null;
        try {
            output.note("-----> Fetching " + RemoteSource.shown(remote.url()) + " at " + remote.commit());
            if (remote.overSsh()) {
                ssh = sshSessions(remote, output, folder.resolve("ssh"));
            }
            Path archive = folder.resolve("source.tar.gz");
            try (Git git = Git.init().setBare(true).setDirectory(folder.resolve("repo.git").toFile()).call()) {
                Repository repository = git.getRepository();
                ObjectId commit = fetchCommit(git, remote, ssh, stopped);
                try (RevWalk walk = new RevWalk(repository)) {
                    RevCommit revision = walk.parseCommit(commit);
                    writeTarGz(repository, revision, archive, output);
                }
            }
            try (InputStream in = Files.newInputStream(archive)) {
                return sources.receive(in);
            }
        } catch (GitAPIException | JGitInternalException | MissingObjectException e) {
            throw new ArchiveRejected("could not fetch " + remote + ": " + reason(e));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (ssh != null) {
                ssh.close();
            }
            Trees.deleteQuietly(folder);
        }
    }

    /**
     * Asks for the commit itself, one commit deep (hosts that serve protocol v2 allow it); a host that
     * refuses gets a second fetch of the whole branch, in which the commit must be.
     */
    private static ObjectId fetchCommit(Git git, RemoteSource remote, SshdSessionFactory ssh, BooleanSupplier stopped)
            throws GitAPIException, IOException {
        ObjectId wanted = ObjectId.fromString(remote.commit());
        try {
            configure(git.fetch(), remote, ssh, stopped)
                    .setRefSpecs(new RefSpec(remote.commit() + ":refs/fjord/source"))
                    .setDepth(1)
                    .call();
        } catch (GitAPIException | RuntimeException byIdRefused) {
            if (stopped.getAsBoolean()) {
                throw byIdRefused;
            }
            configure(git.fetch(), remote, ssh, stopped)
                    .setRefSpecs(new RefSpec("+" + Constants.R_HEADS + remote.branch() + ":refs/fjord/branch"))
                    .call();
        }
        if (!git.getRepository().getObjectDatabase().has(wanted)) {
            throw new ArchiveRejected("commit " + remote.commit() + " is not in " + RemoteSource.shown(remote.url())
                    + " (branch " + remote.branch() + ")");
        }
        return wanted;
    }

    private static FetchCommand configure(FetchCommand fetch, RemoteSource remote, SshdSessionFactory ssh,
            BooleanSupplier stopped) {
        fetch.setRemote(remote.url())
                .setTimeout(NETWORK_TIMEOUT_SECONDS)
                .setProgressMonitor(new EmptyProgressMonitor() {
                    @Override
                    public boolean isCancelled() {
                        return stopped.getAsBoolean();
                    }
                });
        if (remote.token() != null) {
            fetch.setCredentialsProvider(new UsernamePasswordCredentialsProvider(remote.user(), remote.token()));
        } else {
            fetch.setCredentialsProvider(CredentialsProvider.getDefault());
        }
        if (ssh != null) {
            fetch.setTransportConfigCallback(transport -> {
                if (transport instanceof SshTransport overSsh) {
                    overSsh.setSshSessionFactory(ssh);
                }
            });
        }
        return fetch;
    }

    /**
     * SSH with the app's deploy key only (never the service's own keys or agent). The host key is not
     * pinned: it is accepted and its fingerprint shown in the build log.
     */
    private static SshdSessionFactory sshSessions(RemoteSource remote, BuildOutput output, Path folder)
            throws IOException {
        File home = Files.createDirectory(folder).toFile();
        List<KeyPair> keys = remote.deployKey() == null ? List.of() : deployKey(remote.deployKey());
        SshdSessionFactory factory = new SshdSessionFactoryBuilder()
                .setHomeDirectory(home)
                .setSshDirectory(home)
                .setPreferredAuthentications("publickey")
                .setDefaultKeysProvider(ignored -> keys)
                .setServerKeyDatabase((homeDir, sshDir) -> new ServerKeyDatabase() {
                    @Override
                    public List<PublicKey> lookup(String connectAddress, InetSocketAddress remoteAddress,
                            Configuration configuration) {
                        return List.of();
                    }

                    @Override
                    public boolean accept(String connectAddress, InetSocketAddress remoteAddress, PublicKey serverKey,
                            Configuration configuration, CredentialsProvider provider) {
                        output.note("-----> Host key of " + connectAddress + ": "
                                + KeyUtils.getFingerPrint(serverKey) + " (accepted, not pinned)");
                        return true;
                    }
                })
                .build(null);
        return factory;
    }

    /** The deploy key's PEM (OpenSSH or PKCS#8 form, without a passphrase) as key pairs. */
    public static List<KeyPair> deployKey(String pem) {
        try (InputStream in = new ByteArrayInputStream(pem.getBytes(StandardCharsets.UTF_8))) {
            List<KeyPair> pairs = new ArrayList<>();
            Iterable<KeyPair> loaded = SecurityUtils.loadKeyPairIdentities(null,
                    new PathResource(Path.of("deploy-key")), in, null);
            if (loaded != null) {
                loaded.forEach(pairs::add);
            }
            if (pairs.isEmpty()) {
                throw new IllegalArgumentException("no key in it");
            }
            return pairs;
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            throw new IllegalArgumentException("the deploy key cannot be read (" + e.getClass().getSimpleName()
                    + "): send an unencrypted private key in OpenSSH or PEM form");
        }
    }

    /**
     * The commit's files as a tar.gz: regular and executable files, symbolic links; submodules are left
     * out (and said so). The files may add up to no more than an upload may expand to.
     */
    private void writeTarGz(Repository repository, RevCommit commit, Path archive, BuildOutput output)
            throws IOException {
        long limit = config.maxExpandedSize().asLongValue();
        long total = 0;
        try (OutputStream file = Files.newOutputStream(archive);
                TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(file));
                TreeWalk walk = new TreeWalk(repository)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
            walk.addTree(commit.getTree());
            walk.setRecursive(true);
            while (walk.next()) {
                FileMode mode = walk.getFileMode(0);
                String path = walk.getPathString();
                if (mode == FileMode.GITLINK) {
                    output.note("-----> Submodule " + path + " is not fetched");
                    continue;
                }
                ObjectLoader blob = repository.open(walk.getObjectId(0), Constants.OBJ_BLOB);
                if (mode == FileMode.SYMLINK) {
                    TarArchiveEntry link = new TarArchiveEntry(path, TarConstants.LF_SYMLINK);
                    link.setLinkName(new String(blob.getBytes(), StandardCharsets.UTF_8));
                    tar.putArchiveEntry(link);
                    tar.closeArchiveEntry();
                    continue;
                }
                total += blob.getSize();
                if (total > limit) {
                    throw new ArchiveRejected("the commit's files add up to more than " + limit / (1024 * 1024)
                            + " MiB");
                }
                TarArchiveEntry entry = new TarArchiveEntry(path);
                entry.setSize(blob.getSize());
                entry.setMode(mode == FileMode.EXECUTABLE_FILE ? 0100755 : 0100644);
                entry.setModTime(commit.getCommitterIdent().getWhenAsInstant().toEpochMilli());
                tar.putArchiveEntry(entry);
                blob.copyTo(tar);
                tar.closeArchiveEntry();
            }
        }
    }

    private Path createFolder() {
        try {
            Path workDir = Files.createDirectories(config.workDir().toAbsolutePath());
            return Files.createTempDirectory(workDir, "build-fetch-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a folder for the fetch", e);
        }
    }

    private static String reason(Exception e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        return message.replaceAll("[\\r\\n]+", " ");
    }
}
