package io.fjord.build.builds;

import java.io.InputStream;
import java.time.Duration;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import io.fjord.build.app.App;
import io.fjord.build.source.Source;
import io.fjord.build.source.SourceArchive;
import io.fjord.platform.api.ApiException;
import io.quarkus.narayana.jta.QuarkusTransaction;

/** Takes a build request: checks the app and the source first, then records the build and queues it. */
@ApplicationScoped
public class Builds {
    private static final Pattern COMMIT = Pattern.compile("^[0-9a-f]{7,64}$");
    /** How long a cancel waits for a running build to stop before it answers. */
    private static final Duration CANCEL_WAIT = Duration.ofSeconds(15);

    private final SourceArchive sources;
    private final BuildRecords records;
    private final BuildRunner runner;

    Builds(SourceArchive sources, BuildRecords records, BuildRunner runner) {
        this.sources = sources;
        this.records = records;
        this.runner = runner;
    }

    /** Checks the app exists; names that break the naming rule are unknown by definition. */
    public void requireApp(String app) {
        if (!QuarkusTransaction.requiringNew().call(() -> App.exists(app))) {
            throw ApiException.notFound("no app named '" + shown(app) + "'");
        }
    }

    /** The build row exists only once the source has been received and checked. */
    public Build start(String app, String commit, InputStream body) {
        requireApp(app);
        if (commit != null && !COMMIT.matcher(commit).matches()) {
            throw ApiException.badRequest("commit must be a lowercase hex commit id (7 to 64 characters)");
        }
        Source source = sources.receive(body);
        Build build;
        try {
            build = records.create(app, commit);
        } catch (RuntimeException e) {
            source.delete();
            throw e;
        }
        runner.enqueue(build, BuildSource.received(source), null);
        return build;
    }

    /** Cancels a queued or running build; answers 409 for one that has ended. */
    public Build cancel(long id) {
        if (!runner.cancel(id, CANCEL_WAIT)) {
            Build build = QuarkusTransaction.requiringNew().call(() -> Build.<Build>findById(id));
            if (build != null && !build.status.ended()) {
                // Queued or running in no process: the row of a process that died; its next start ends it.
                throw ApiException.conflict("build " + id + " is not running in this build-service");
            }
            throw ApiException.conflict("build " + id + " has already ended ("
                    + (build == null ? "unknown" : build.status.label()) + ")");
        }
        return QuarkusTransaction.requiringNew().call(() -> Build.<Build>findById(id));
    }

    private static String shown(String name) {
        return name.length() > 40 ? name.substring(0, 40) + "..." : name;
    }
}
