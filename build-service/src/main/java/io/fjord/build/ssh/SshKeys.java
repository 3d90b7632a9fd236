package io.fjord.build.ssh;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.fjord.platform.api.ApiException;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;

/**
 * The keys that may push over SSH. Each change rewrites authorized_keys inside its transaction, under one
 * lock, so the file always matches the table: a write that fails rolls the change back, and two changes
 * never race each other's file.
 */
@ApplicationScoped
public class SshKeys {
    private static final Logger LOG = Logger.getLogger(SshKeys.class);
    private static final int MAX_NAME = 100;

    private final AuthorizedKeys file;
    private final ReentrantLock lock = new ReentrantLock();

    SshKeys(AuthorizedKeys file) {
        this.file = file;
    }

    /** A file left by an older version or edited by hand is replaced by what the table says. */
    void writeAtStart(@Observes StartupEvent ignored) {
        try {
            changing(() -> null);
            LOG.infof("authorized_keys written with the %d registered key(s)",
                    QuarkusTransaction.requiringNew().call(() -> SshKey.count()));
        } catch (RuntimeException e) {
            // The API still works; pushes over SSH do not until the file can be written (install.sh's git user).
            LOG.errorf("authorized_keys could not be written: %s", e.getMessage());
        }
    }

    public SshKey add(String publicKey, String name) {
        PublicKey key;
        try {
            key = PublicKey.parse(publicKey);
        } catch (PublicKey.InvalidKey e) {
            throw ApiException.badRequest(e.getMessage());
        }
        String cleanName = name == null || name.isBlank() ? key.comment() : name.strip();
        if (cleanName != null && (cleanName.length() > MAX_NAME || cleanName.chars().anyMatch(c -> c < 0x20))) {
            throw ApiException.badRequest("name must be at most " + MAX_NAME + " characters, without control characters");
        }
        String shownName = cleanName;
        return changing(() -> {
            SshKey existing = SshKey.find("fingerprint", key.fingerprint()).firstResult();
            if (existing != null) {
                throw ApiException.conflict("this key is already registered (id " + existing.id + ", fingerprint "
                        + key.fingerprint() + ")");
            }
            SshKey row = new SshKey();
            row.name = shownName;
            row.type = key.type();
            row.publicKey = key.line();
            row.fingerprint = key.fingerprint();
            row.bits = key.bits();
            row.comment = key.comment();
            row.createdAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
            row.persist();
            return row;
        });
    }

    public List<SshKey> list() {
        return QuarkusTransaction.requiringNew().call(SshKey::inOrder);
    }

    public void remove(long id) {
        changing(() -> {
            if (!SshKey.deleteById(id)) {
                throw ApiException.notFound("no key with id " + id);
            }
            return null;
        });
    }

    /** Runs the change and rewrites the file from the table as the change leaves it, before the commit. */
    private <T> T changing(Supplier<T> change) {
        lock.lock();
        try {
            return QuarkusTransaction.requiringNew().call(() -> {
                T result = change.get();
                SshKey.flush();
                file.write(SshKey.inOrder());
                return result;
            });
        } catch (ApiException refused) {
            throw refused; // refused before the file was touched
        } catch (RuntimeException e) {
            // The file may hold a change whose commit failed: put back what the table holds.
            try {
                QuarkusTransaction.requiringNew().run(() -> file.write(SshKey.inOrder()));
            } catch (RuntimeException again) {
                LOG.errorf("authorized_keys could not be restored: %s", again.getMessage());
            }
            throw e;
        } finally {
            lock.unlock();
        }
    }
}
