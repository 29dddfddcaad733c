package dev.upshift.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import dev.upshift.history.TimelinePicture.Bar;
import dev.upshift.history.TimelinePicture.Lane;
import dev.upshift.history.TimelinePicture.ServerLane;
import dev.upshift.history.TimelinePicture.Span;
import dev.upshift.history.TimelinePicture.StepSpan;
import dev.upshift.run.StepStatus;

class TimelinePictureTest {

    static final Instant T0 = Instant.parse("2026-11-26T02:00:00Z");
    static final List<ServerLane> SERVERS = List.of(new ServerLane("10.0.0.1", true), new ServerLane("10.0.0.2", true),
            new ServerLane("10.0.0.3", false));

    static Instant at(int seconds) {
        return T0.plusSeconds(seconds);
    }

    static StepSpan step(String key, String server, StepStatus status, Integer start, Integer end) {
        return new StepSpan(key, server, status, start == null ? null : at(start), end == null ? null : at(end));
    }

    static Lane lane(TimelinePicture p, String name) {
        return p.lanes().stream().filter(l -> l.name().equals(name)).findFirst().orElseThrow();
    }

    @Nested
    @DisplayName("geometry")
    class Geometry {

        @Test
        void oneLanePerServerInPlanOrderAndOneForClusterWideStepsFirst() {
            TimelinePicture p = TimelinePicture.of(SERVERS, List.of(
                    step("PRE_BACKUP_DBMS", null, StepStatus.SUCCEEDED, 0, 100),
                    step("SRV_STOP", "10.0.0.2", StepStatus.SUCCEEDED, 100, 200)), at(0), at(1000));

            assertThat(p.lanes()).extracting(Lane::name)
                    .containsExactly(TimelinePicture.CLUSTER_LANE, "10.0.0.1", "10.0.0.2", "10.0.0.3");
            assertThat(p.lanes()).extracting(Lane::y).containsExactly(28, 62, 96, 130);
            assertThat(p.height()).isEqualTo(28 + 4 * 34 + 4);
            assertThat(lane(p, "10.0.0.1").bars()).isEmpty();
        }

        @Test
        void barsMapTimesLinearlyOntoTheChart() {
            TimelinePicture p = TimelinePicture.of(SERVERS, List.of(
                    step("SRV_STOP", "10.0.0.1", StepStatus.SUCCEEDED, 250, 500),
                    step("SRV_INSTALL", "10.0.0.1", StepStatus.FAILED, 500, 1000)), at(0), at(1000));

            List<Bar> bars = lane(p, "10.0.0.1").bars();
            assertThat(bars.get(0).x()).isEqualTo(170 + 190.0);       // a quarter of 760 px
            assertThat(bars.get(0).width()).isEqualTo(190.0);
            assertThat(bars.get(0).fill()).isEqualTo("#1f7a46");
            assertThat(bars.get(0).label()).isEqualTo("succeeded");
            assertThat(bars.get(1).x()).isEqualTo(170 + 380.0);
            assertThat(bars.get(1).width()).isEqualTo(380.0);
            assertThat(bars.get(1).outcome()).isEqualTo("FAILED");
            assertThat(bars.get(1).fill()).isEqualTo("#b3261e");
            assertThat(bars.get(1).title()).contains("SRV_INSTALL on 10.0.0.1: FAILED").contains("(500 s)");
        }

        @Test
        void aStepStillRunningReachesTheEndAndAnInstantStepStaysVisible() {
            TimelinePicture p = TimelinePicture.of(SERVERS, List.of(
                    step("SRV_START", "10.0.0.3", StepStatus.RUNNING, 900, null),
                    step("SRV_INSTALL", "10.0.0.2", StepStatus.SKIPPED, null, 100)), at(0), at(1000));

            Bar running = lane(p, "10.0.0.3").bars().get(0);
            assertThat(running.x() + running.width()).isEqualTo(930.0);
            assertThat(running.title()).contains("(not ended)");
            Bar skipped = lane(p, "10.0.0.2").bars().get(0);
            assertThat(skipped.width()).isEqualTo(2.0);
            assertThat(skipped.label()).isEmpty();
        }

        @Test
        void labelsShrinkToWhatFits() {
            assertThat(TimelinePicture.label("SUCCEEDED", 100)).isEqualTo("succeeded");
            assertThat(TimelinePicture.label("SUCCEEDED", 20)).isEqualTo("s");
            assertThat(TimelinePicture.label("FAILED", 5)).isEmpty();
        }

        @Test
        void ticksAreRoundAndInsideTheChart() {
            TimelinePicture p = TimelinePicture.of(SERVERS, List.of(
                    step("SRV_STOP", "10.0.0.1", StepStatus.SUCCEEDED, 0, 600)), at(0), at(600));

            assertThat(Ticks.interval(java.time.Duration.ofMinutes(10))).isEqualTo(120);
            assertThat(p.ticks()).extracting(TimelinePicture.Tick::label)
                    .containsExactly("02:00", "02:02", "02:04", "02:06", "02:08", "02:10");
            assertThat(p.ticks().get(0).x()).isEqualTo(170.0);
            assertThat(p.ticks().get(5).x()).isEqualTo(930.0);
        }

        @Test
        void aRunThatNeverStartedDrawsNothing() {
            TimelinePicture p = TimelinePicture.of(SERVERS, List.of(step("SRV_STOP", "10.0.0.1", StepStatus.PENDING, null, null)),
                    null, null);

            assertThat(p.isEmpty()).isTrue();
            assertThat(p.lanes()).isEmpty();
        }
    }

    @Nested
    @DisplayName("server down")
    class Down {

        @Test
        void rollingFromTheStopStepsStartToTheVerifyJoinedStepsEnd() {
            TimelinePicture p = TimelinePicture.of(SERVERS, List.of(
                    step("SRV_STOP", "10.0.0.1", StepStatus.SUCCEEDED, 100, 150),
                    step("SRV_INSTALL", "10.0.0.1", StepStatus.SUCCEEDED, 150, 300),
                    step("SRV_START", "10.0.0.1", StepStatus.SUCCEEDED, 300, 350),
                    step("SRV_VERIFY_JOINED", "10.0.0.1", StepStatus.SUCCEEDED, 350, 400),
                    step("SRV_STOP", "10.0.0.2", StepStatus.SUCCEEDED, 500, 550)), at(0), at(1000));

            List<Span> first = lane(p, "10.0.0.1").down();
            assertThat(first).hasSize(1);
            assertThat(first.get(0).x()).isEqualTo(170 + 76.0);
            assertThat(first.get(0).width()).isEqualTo(228.0);       // 300 s of 1000 s
            assertThat(first.get(0).open()).isFalse();
            assertThat(first.get(0).title()).contains("10.0.0.1 down from 2026-11-26T02:01:40Z").contains("(300 s)");

            List<Span> second = lane(p, "10.0.0.2").down();
            assertThat(second).hasSize(1);
            assertThat(second.get(0).open()).isTrue();                 // never verified back: open to the run's end
            assertThat(second.get(0).x() + second.get(0).width()).isEqualTo(930.0);
            assertThat(lane(p, "10.0.0.3").down()).isEmpty();
        }

        @Test
        void aFailedVerificationDoesNotBringTheServerBack() {
            List<DownSpans.Down> down = DownSpans.of("10.0.0.1", true, List.of(
                    step("SRV_STOP", "10.0.0.1", StepStatus.SUCCEEDED, 100, 150),
                    step("SRV_VERIFY_JOINED", "10.0.0.1", StepStatus.FAILED, 350, 400),
                    step("SRV_VERIFY_JOINED", "10.0.0.1", StepStatus.SUCCEEDED, 450, 500)), at(1000));

            assertThat(down).containsExactly(new DownSpans.Down(at(100), at(500), false));
        }

        @Test
        void offlineStopsEveryServerAndTheCoresComeBackTogetherTheReplicasOneByOne() {
            List<StepSpan> steps = List.of(
                    step("OFF_STOP_ALL", null, StepStatus.SUCCEEDED, 10, 40),
                    step("OFF_SEED_INSTALL", "10.0.0.1", StepStatus.SUCCEEDED, 40, 100),
                    step("OFF_START_CORES", null, StepStatus.SUCCEEDED, 200, 300),
                    step("OFF_RR_STOP", "10.0.0.3", StepStatus.SUCCEEDED, 300, 310),
                    step("OFF_RR_START", "10.0.0.3", StepStatus.SUCCEEDED, 400, 450));

            assertThat(DownSpans.of("10.0.0.1", true, steps, at(1000)))
                    .containsExactly(new DownSpans.Down(at(10), at(300), false));
            assertThat(DownSpans.of("10.0.0.3", false, steps, at(1000)))
                    .containsExactly(new DownSpans.Down(at(10), at(450), false));
        }
    }
}
