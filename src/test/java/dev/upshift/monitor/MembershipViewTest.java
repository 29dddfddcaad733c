package dev.upshift.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

class MembershipViewTest {

    private static final MembershipSnapshot POLLED = new MembershipSnapshot(7L, Instant.parse("2026-11-26T10:00:00Z"), true,
            "10.0.0.1", null, List.of());

    /** Known after {@code unknownReads} reads: the monitor's first poll finishing while a pre-flight waits. */
    private static MembershipView polledAfter(int unknownReads, AtomicInteger reads) {
        return id -> reads.incrementAndGet() > unknownReads ? POLLED : MembershipSnapshot.unknown(id);
    }

    @Test
    void aClusterNotPolledYetIsWaitedForUntilItsFirstPoll() {
        AtomicInteger reads = new AtomicInteger();
        assertThat(polledAfter(3, reads).firstKnown(7L, Duration.ofSeconds(10))).isEqualTo(POLLED);
        assertThat(reads).hasValue(4);
    }

    @Test
    void aPolledClusterIsAnsweredAtOnce() {
        AtomicInteger reads = new AtomicInteger();
        assertThat(polledAfter(0, reads).firstKnown(7L, Duration.ofSeconds(10))).isEqualTo(POLLED);
        assertThat(reads).hasValue(1);
    }

    @Test
    void aFirstPollThatNeverFinishesGivesTheUnknownSnapshotAfterTheWait() {
        MembershipSnapshot s = polledAfter(Integer.MAX_VALUE, new AtomicInteger()).firstKnown(7L, Duration.ofMillis(300));
        assertThat(s.isKnown()).isFalse();
        assertThat(s.problem()).isEqualTo("Not polled yet");
    }
}
