package io.fjord.build.source;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.fjord.build.builds.BuildConfig;
import io.fjord.platform.api.ApiException;
import io.quarkus.runtime.StartupEvent;

/**
 * Receives an uploaded tar.gz into a folder of its own, extracts and checks it there, and hands back a
 * {@link Source} only when it is fit to build. On any refusal the folder is gone before the answer.
 */
@ApplicationScoped
public class SourceArchive {
    private static final long MAX_PROCFILE_BYTES = 64 * 1024;

    private final BuildConfig config;

    SourceArchive(BuildConfig config) {
        this.config = config;
    }

    /** Folders of builds that were running when the service stopped are of no use any more. */
    void clearWorkDir(@Observes StartupEvent ignored) throws IOException {
        Path workDir = config.workDir().toAbsolutePath();
        Files.createDirectories(workDir);
        try (var leftovers = Files.list(workDir)) {
            leftovers.filter(path -> path.getFileName().toString().startsWith("build-")).forEach(Trees::deleteQuietly);
        }
    }

    /** Reads and checks the body; throws {@link ApiException} 400 when it is unfit. */
    public Source receive(InputStream body) {
        Path folder = createFolder();
        try {
            Path archive = folder.resolve("source.tar.gz");
            save(body, archive);
            Path tree = Files.createDirectory(folder.resolve("tree"));
            try (InputStream in = Files.newInputStream(archive)) {
                new TarGzExtractor(config.maxExpandedSize().asLongValue()).extract(in, tree);
            }
            if (!Files.isRegularFile(tree.resolve("Dockerfile"), LinkOption.NOFOLLOW_LINKS)) {
                throw ApiException.badRequest("there is no Dockerfile at the root of the archive");
            }
            Optional<String> procfile = procfile(tree.resolve("Procfile"));
            Trees.deleteQuietly(tree); // checked and read: Docker builds from the archive itself
            return new Source(folder, archive, procfile);
        } catch (ArchiveRejected e) {
            Trees.deleteQuietly(folder);
            throw ApiException.badRequest(e.getMessage());
        } catch (IOException e) {
            Trees.deleteQuietly(folder);
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            Trees.deleteQuietly(folder);
            throw e;
        }
    }

    private Path createFolder() {
        try {
            Path workDir = Files.createDirectories(config.workDir().toAbsolutePath());
            return Files.createTempDirectory(workDir, "build-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a folder for the upload", e);
        }
    }

    /** The size limit is Quarkus's (quarkus.http.limits.max-body-size follows fjord.builds.max-upload-size). */
    private static void save(InputStream body, Path archive) throws IOException {
        try (OutputStream out = Files.newOutputStream(archive)) {
            body.transferTo(out);
        }
    }

    private static Optional<String> procfile(Path procfile) throws IOException {
        if (!Files.isRegularFile(procfile, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        if (Files.size(procfile) > MAX_PROCFILE_BYTES) {
            throw ApiException.badRequest("the Procfile is larger than 64 KiB");
        }
        try {
            return Optional.of(Files.readString(procfile, StandardCharsets.UTF_8));
        } catch (CharacterCodingException e) {
            throw ApiException.badRequest("the Procfile is not UTF-8 text");
        }
    }
}
