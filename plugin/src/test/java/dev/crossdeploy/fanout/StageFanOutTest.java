package dev.crossdeploy.fanout;

import dev.crossdeploy.CrossdeployException;
import dev.crossdeploy.stage.Stage;
import dev.crossdeploy.testing.RecordingReporter;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The fan-out engine alone: bounded parallel runs, stage-prefixed lines, the summary and the failure naming. */
class StageFanOutTest {
    private final RecordingReporter log = new RecordingReporter();

    private static Stage stage(String name, String accountId) {
        return new Stage(name, accountId, "eu-west-1", "arn:aws:iam::" + accountId + ":role/crossdeploy-deploy",
                "arn:aws:iam::" + accountId + ":role/crossdeploy-cfn-exec", "crossdeploy-artifacts-" + accountId + "-eu-west-1",
                "", null, null, Map.of(), Map.of(), false, List.of(), null);
    }

    private static final List<Stage> THREE = List.of(stage("qa-eu", "333333333333"), stage("qa-us", "222222222222"),
            stage("team-a", "555555555555"));

    /** Each thread's clock advances 2.5 s per reading: every stage takes 2.5 s whichever thread runs it. */
    private static LongSupplier steppedClock() {
        ThreadLocal<long[]> ticks = ThreadLocal.withInitial(() -> new long[1]);
        return () -> ticks.get()[0]++ * 2_500_000_000L;
    }

    @Test
    void everyStageRunsWithItsLinesPrefixedAndASummaryEndsTheRun() {
        var outcomes = new StageFanOut(2, log, steppedClock()).run(THREE, (stage, reporter) -> {
            reporter.info("deploying to " + stage.accountId());
            return stage.name().length();
        });

        assertThat(outcomes).extracting(o -> o.stage().name()).containsExactly("qa-eu", "qa-us", "team-a");
        assertThat(log.lines()).contains("INFO [qa-eu] deploying to 333333333333", "INFO [qa-us] deploying to 222222222222",
                "INFO [team-a] deploying to 555555555555");
        assertThat(log.lines().subList(3, 7)).containsExactly(
                "INFO Stage   Account                   Result  Duration  Changes",
                "INFO qa-eu   333333333333 (eu-west-1)  OK      2.5 s     5",
                "INFO qa-us   222222222222 (eu-west-1)  OK      2.5 s     5",
                "INFO team-a  555555555555 (eu-west-1)  OK      2.5 s     6");
    }

    @Test
    void aFailedStageDoesNotStopTheOthersAndTheRunFailsNamingIt() {
        AtomicInteger finished = new AtomicInteger();

        assertThatThrownBy(() -> new StageFanOut(3, log, steppedClock()).run(THREE, (stage, reporter) -> {
            if (stage.name().equals("qa-us")) throw new CrossdeployException("Stack orders-qa-us is ROLLBACK_COMPLETE; fix it.");
            finished.incrementAndGet();
            return 1;
        })).isInstanceOf(CrossdeployException.class)
                .hasMessage("Failed in 1 of 3 stages: qa-us; the other stages finished. See the lines starting with [qa-us]"
                        + " above, fix the cause and rerun with -Dstage=qa-us.");

        assertThat(finished).hasValue(2);
        assertThat(log.lines()).contains("ERROR [qa-us] Stack orders-qa-us is ROLLBACK_COMPLETE; fix it.",
                "INFO qa-us   222222222222 (eu-west-1)  FAILED  2.5 s     -",
                "INFO team-a  555555555555 (eu-west-1)  OK      2.5 s     1");
    }

    @Test
    void anUnexpectedFailureIsReportedInOneLineForItsStage() {
        assertThatThrownBy(() -> new StageFanOut(2, log).run(THREE, (stage, reporter) -> {
            if (!stage.name().equals("qa-eu")) throw new IllegalStateException("boom");
            return 0;
        })).hasMessageStartingWith("Failed in 2 of 3 stages: qa-us, team-a;")
                .hasMessageEndingWith("rerun with -Dstage=qa-us,team-a.");

        assertThat(log.lines()).contains("ERROR [team-a] failed unexpectedly: java.lang.IllegalStateException: boom");
    }

    @Test
    void whenEveryStageFailsTheMessageSaysSo() {
        assertThatThrownBy(() -> new StageFanOut(2, log).run(THREE.subList(0, 2), (stage, reporter) -> {
            throw new CrossdeployException("No template; add one.");
        })).hasMessage("Failed in all 2 stages: qa-eu, qa-us. See the lines starting with [qa-eu], [qa-us] above,"
                + " fix the cause and rerun with -Dstage=qa-eu,qa-us.");
    }

    @Test
    void noMoreThanTheBoundRunAtOnce() throws Exception {
        AtomicInteger running = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        CountDownLatch twoIn = new CountDownLatch(2);
        List<Stage> six = List.of(stage("a", "111111111111"), stage("b", "222222222222"), stage("c", "333333333333"),
                stage("d", "444444444444"), stage("e", "555555555555"), stage("f", "666666666666"));

        new StageFanOut(2, log).run(six, (stage, reporter) -> {
            most.accumulateAndGet(running.incrementAndGet(), Math::max);
            twoIn.countDown();
            try {
                // The first two wait for each other: proof that two do run at once.
                assertThat(twoIn.await(10, TimeUnit.SECONDS)).isTrue();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            running.decrementAndGet();
            return 0;
        });

        assertThat(most).hasValue(2);
    }

    @Test
    void oneStageKeepsTheTasksOwnOutputAndErrors() {
        CrossdeployException refused = new CrossdeployException("Stage 'qa-eu': refused.");
        var fanOut = new StageFanOut(4, log);

        fanOut.run(List.of(THREE.get(0)), (stage, reporter) -> {
            reporter.info("Stack orders-qa-eu is UPDATE_COMPLETE");
            return 3;
        });
        assertThatThrownBy(() -> fanOut.run(List.of(THREE.get(0)), (stage, reporter) -> { throw refused; }))
                .isSameAs(refused);

        assertThat(log.lines()).containsExactly("INFO Stack orders-qa-eu is UPDATE_COMPLETE");
    }

    @Test
    void aStageRefusedBeforehandStopsEveryStageBeforeAnyWrite() {
        var fanOut = new StageFanOut(4, log);

        assertThatThrownBy(() -> fanOut.prepare(THREE, (stage, reporter) -> {
            if (stage.name().startsWith("qa")) {
                throw new CrossdeployException("Refusing to deploy to " + stage.name() + ": not verified in staging.");
            }
            return "ok";
        })).isInstanceOf(CrossdeployException.class)
                .hasMessage("Refused in 2 of 3 stages: qa-eu, qa-us; nothing was written to any account. See the lines"
                        + " starting with [qa-eu], [qa-us] above, fix the cause or leave those stages out of -Dstage.");
        assertThat(log.lines()).containsExactly("ERROR [qa-eu] Refusing to deploy to qa-eu: not verified in staging.",
                "ERROR [qa-us] Refusing to deploy to qa-us: not verified in staging.");
    }

    @Test
    void aRunLeavingItsSummaryToALaterGoalPrintsNoneWhenEveryStageSucceeded() {
        var outcomes = new StageFanOut(3, log, steppedClock()).leavingSummaryToLaterGoal().run(THREE, (stage, reporter) -> 1);

        assertThat(outcomes).hasSize(3);
        assertThat(log.lines()).isEmpty();
    }

    @Test
    void aRunLeavingItsSummaryToALaterGoalStillPrintsItWhenAStageFailed() {
        // The build stops here, so no later goal will show these results.
        assertThatThrownBy(() -> new StageFanOut(3, log, steppedClock()).leavingSummaryToLaterGoal().run(THREE, (stage, reporter) -> {
            if (stage.name().equals("team-a")) throw new CrossdeployException("Access denied.");
            return 1;
        })).hasMessageStartingWith("Failed in 1 of 3 stages: team-a;");

        assertThat(log.lines()).contains("INFO Stage   Account                   Result  Duration  Changes",
                "INFO team-a  555555555555 (eu-west-1)  FAILED  2.5 s     -");
    }

    @Test
    void theLaterGoalsSummaryShowsTheEarlierGoalsColumnAndTimeAndItsOwnHeading() {
        var uploads = EarlierGoal.uploads(List.of(new StageOutcome(THREE.get(0), java.time.Duration.ofSeconds(1), 1, null),
                new StageOutcome(THREE.get(1), java.time.Duration.ofSeconds(2), 0, null),
                new StageOutcome(THREE.get(2), java.time.Duration.ofSeconds(3), 1, null)));

        new StageFanOut(3, log, steppedClock()).carrying(uploads).counting("Outputs").run(THREE, (stage, reporter) -> 2);

        assertThat(log.lines()).containsExactly(
                "INFO Stage   Account                   Artifact  Result  Duration  Outputs",
                "INFO qa-eu   333333333333 (eu-west-1)  uploaded  OK      3.5 s     2",
                "INFO qa-us   222222222222 (eu-west-1)  present   OK      4.5 s     2",
                "INFO team-a  555555555555 (eu-west-1)  uploaded  OK      5.5 s     2");
    }

    @Test
    void aLaterGoalThatRefusesToStartPrintsTheEarlierGoalsSummaryInstead() {
        var uploads = EarlierGoal.uploads(List.of(new StageOutcome(THREE.get(0), java.time.Duration.ofSeconds(1), 1, null),
                new StageOutcome(THREE.get(1), java.time.Duration.ofSeconds(2), 0, null),
                new StageOutcome(THREE.get(2), java.time.Duration.ofSeconds(3), 1, null)));

        assertThatThrownBy(() -> new StageFanOut(3, log).carrying(uploads).prepare(THREE, (stage, reporter) -> {
            if (stage.name().equals("qa-us")) throw new CrossdeployException("Refused: not verified.");
            return stage;
        })).hasMessageStartingWith("Refused in 1 of 3 stages: qa-us; nothing was written to any account.");

        assertThat(log.lines()).containsExactly("ERROR [qa-us] Refused: not verified.",
                "INFO Stage   Account                   Result  Duration  Changes",
                "INFO qa-eu   333333333333 (eu-west-1)  OK      1.0 s     1",
                "INFO qa-us   222222222222 (eu-west-1)  OK      2.0 s     0",
                "INFO team-a  555555555555 (eu-west-1)  OK      3.0 s     1");
    }
}
