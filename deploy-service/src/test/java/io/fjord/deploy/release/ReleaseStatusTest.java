package io.fjord.deploy.release;

import static io.fjord.deploy.release.ReleaseStatus.FAILED;
import static io.fjord.deploy.release.ReleaseStatus.LIVE;
import static io.fjord.deploy.release.ReleaseStatus.PENDING;
import static io.fjord.deploy.release.ReleaseStatus.RETIRED;
import static io.fjord.deploy.release.ReleaseStatus.STARTING;
import static io.fjord.deploy.release.ReleaseStatus.SUPERSEDED;
import static io.fjord.deploy.release.ReleaseStatus.SWITCHING;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;

import org.junit.jupiter.api.Test;

class ReleaseStatusTest {

    @Test
    void aReleaseGoesLiveThroughEachStepInOrder() {
        assertEquals(Set.of(STARTING, FAILED, SUPERSEDED), PENDING.next());
        assertEquals(Set.of(SWITCHING, FAILED), STARTING.next());
        assertEquals(Set.of(LIVE, FAILED), SWITCHING.next());
        assertEquals(Set.of(RETIRED), LIVE.next());
        assertFalse(PENDING.canMoveTo(LIVE));
        assertFalse(STARTING.canMoveTo(LIVE));
    }

    @Test
    void failedRetiredAndSupersededAreFinal() {
        assertTrue(FAILED.next().isEmpty());
        assertTrue(RETIRED.next().isEmpty());
        assertTrue(SUPERSEDED.next().isEmpty());
        assertFalse(STARTING.canMoveTo(SUPERSEDED), "only a release that has not started is superseded");
        assertFalse(LIVE.canMoveTo(FAILED));
    }

    @Test
    void onlyUnsettledReleasesAreInProgress() {
        assertTrue(PENDING.inProgress() && STARTING.inProgress() && SWITCHING.inProgress());
        assertFalse(LIVE.inProgress() || FAILED.inProgress() || RETIRED.inProgress() || SUPERSEDED.inProgress());
    }

    @Test
    void theApiShowsLowercase() {
        assertEquals("switching", SWITCHING.label());
    }

    @Test
    void aReleaseRefusesAForbiddenStepAndRecordsWhenItFinished() {
        Release release = new Release();
        release.version = 3;
        release.status = PENDING;
        assertThrows(IllegalStateException.class, () -> release.moveTo(LIVE));

        release.moveTo(STARTING);
        release.fail("x".repeat(2000), "last words\n");
        assertEquals(FAILED, release.status);
        assertEquals(1000, release.reason.length());
        assertTrue(release.reason.endsWith("..."));
        assertEquals("last words\n", release.log);
        assertTrue(release.finishedAt != null);
    }
}
