package io.fjord.build.builds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.smallrye.mutiny.helpers.test.AssertSubscriber;

class LiveLogTest {

    @Test
    void everyReaderGetsTheLogFromItsStartThenLiveUntilItEnds() {
        LiveLog log = new LiveLog();
        log.append("Step 1/2\n");
        AssertSubscriber<String> early = log.follow().subscribe().withSubscriber(AssertSubscriber.create(100));
        log.append("Step 2/2\n");
        AssertSubscriber<String> late = log.follow().subscribe().withSubscriber(AssertSubscriber.create(100));
        log.append("done");

        assertEquals(List.of("Step 1/2\n", "Step 2/2\n", "done"), early.getItems());
        assertEquals(List.of("Step 1/2\n", "Step 2/2\n", "done"), late.getItems());
        assertFalse(early.hasCompleted());

        log.end();
        early.assertCompleted();
        late.assertCompleted();
    }

    @Test
    void aReaderAfterTheEndGetsTheWholeLogAndCompletes() {
        LiveLog log = new LiveLog();
        log.append("a");
        log.end();
        AssertSubscriber<String> reader = log.follow().subscribe().withSubscriber(AssertSubscriber.create(10));
        reader.assertCompleted().assertItems("a");
        assertThrows(IllegalStateException.class, () -> log.append("b"));
    }

    @Test
    void aReaderThatLeavesStopsReceiving() {
        LiveLog log = new LiveLog();
        AssertSubscriber<String> reader = log.follow().subscribe().withSubscriber(AssertSubscriber.create(10));
        log.append("a");
        reader.cancel();
        log.append("b");
        log.end();
        assertEquals(List.of("a"), reader.getItems());
        assertTrue(reader.isCancelled());
    }
}
