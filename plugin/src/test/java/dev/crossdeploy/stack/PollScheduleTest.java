package dev.crossdeploy.stack;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudformation.model.StackEvent;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * When the engine polls a stack, on a manual clock against stacks whose events are scripted:
 * the poll times (milliseconds after the operation started) are asserted exactly.
 */
class PollScheduleTest {
    private final ManualClock clock = new ManualClock();
    private final Timing timing = new Timing(clock, clock.sleeper(), Duration.ofMillis(250), Duration.ofSeconds(2),
            Duration.ofSeconds(30), Duration.ofSeconds(5));

    @Test
    void aChainOfOneSecondResourcesIsPolledEveryThirdSecondJustAfterItMoves() {
        List<Long> polls = polls(chain(13, 1000), Duration.ZERO);

        // At once, 250 ms later, then (nothing finished yet) 2 s later; from then on the rhythm is known.
        assertThat(polls).containsExactly(0L, 250L, 2250L, 5050L, 8050L, 11050L, 14050L);
    }

    @Test
    void aChainOfThreeSecondResourcesIsPolledJustAfterEachStep() {
        List<Long> polls = polls(chain(13, 3000), Duration.ZERO);

        assertThat(polls).startsWith(0L, 250L, 2250L, 4250L, 6250L, 9050L, 12050L).endsWith(36050L, 39050L).hasSize(16);
        assertThat(polls.get(polls.size() - 1) - 13 * 3000).as("the end seen this long after it happened").isEqualTo(50);
    }

    @Test
    void aRhythmSlowerThanTheLongestWaitIsPolledEveryTwoSeconds() {
        List<Long> polls = polls(chain(5, 4000), Duration.ZERO);

        assertThat(polls).containsExactly(0L, 250L, 2250L, 4250L, 6250L, 8250L, 10250L, 12250L, 14250L, 16250L, 18250L, 20250L);
    }

    @Test
    void theCloudsClockBeingAheadChangesNothing() {
        assertThat(polls(chain(13, 1000), Duration.ofSeconds(7))).isEqualTo(polls(chain(13, 1000), Duration.ZERO));
    }

    @Test
    void aFastStackIsPolledAtOnceThenFromAQuarterSecondGrowingHalfAgain() {
        // A resource finishing every 20 ms, as on a local cloud without a resource delay.
        List<long[]> events = new ArrayList<>();
        events.add(new long[] {0, 0});
        for (long t = 20; t < 800; t += 20) events.add(new long[] {t, 1});
        events.add(new long[] {800, 2});

        assertThat(polls(events, Duration.ZERO)).containsExactly(0L, 250L, 625L, 1187L);
    }

    @Test
    void aStackThatDoesNotMoveIsPolledEveryTwoSecondsThenBacksOffToFive() {
        List<long[]> events = List.of(new long[] {0, 0}, new long[] {60_000, 2});

        assertThat(polls(events, Duration.ZERO)).startsWith(0L, 250L, 2250L, 4250L, 6250L, 9250L, 13750L, 18750L, 23750L);
    }

    @Test
    void aStackOutOfRhythmIsNeverLeftMoreThanThreeSecondsUnpolled() {
        // Steady 1 s steps, then the stack ends half-way between two of them.
        List<long[]> events = new ArrayList<>(chain(6, 1000).subList(0, 12));
        events.add(new long[] {5500, 2});

        List<Long> polls = polls(events, Duration.ZERO);

        assertThat(polls).containsExactly(0L, 250L, 2250L, 5050L, 8050L);
        for (int i = 1; i < polls.size(); i++) assertThat(polls.get(i) - polls.get(i - 1)).isLessThanOrEqualTo(3000);
    }

    @Test
    void aThrottledPollIsRetriedAfterARandomPartOfACeilingFromHalfTheMaxPollDoublingUpToTheIdlePoll() {
        Instant started = clock.instant();

        assertThat(throttledWaits(new PollSchedule(timing, started, () -> 1.0), started))
                .containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4), Duration.ofSeconds(5), Duration.ofSeconds(5));
        assertThat(throttledWaits(new PollSchedule(timing, started, () -> 0.5), started))
                .containsExactly(Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofMillis(2500), Duration.ofMillis(2500));
        assertThat(throttledWaits(new PollSchedule(timing, started, () -> 0.0), started)).as("never sooner than the first poll's 250 ms")
                .containsOnly(Duration.ofMillis(250));
    }

    @Test
    void aPollAnsweredAfterThrottledOnesBringsTheUsualScheduleBack() {
        Instant started = clock.instant();
        PollSchedule schedule = new PollSchedule(timing, started, () -> 1.0);
        schedule.throttled();
        schedule.throttled();

        schedule.observe(started, List.of());

        assertThat(schedule.next(started)).isEqualTo(Duration.ofMillis(250));
        schedule.throttled();
        assertThat(schedule.next(started)).as("counted again from one").isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void aMovingStacksThrottledPollIsRetriedBeforeItsUsualWaitEnds() {
        Instant started = clock.instant();
        PollSchedule schedule = new PollSchedule(timing, started, () -> 0.5);
        PollSchedule twin = new PollSchedule(timing, started, () -> 0.5);
        Instant now = started.plusSeconds(1);

        schedule.throttled();

        assertThat(twin.next(now)).as("the usual wait: nothing finished yet").isEqualTo(Duration.ofSeconds(2));
        assertThat(schedule.next(now)).isEqualTo(Duration.ofMillis(500));
    }

    @Test
    void aQuietStacksThrottledPollWaitsNoLessThanItsUsualWait() {
        Instant started = clock.instant();
        PollSchedule schedule = new PollSchedule(timing, started, () -> 1.0);
        PollSchedule twin = new PollSchedule(timing, started, () -> 1.0);
        // A minute without news: the schedule backs off towards the idle poll, beyond one throttled poll's 1 s.
        Instant later = started.plusSeconds(60);
        Duration usual = twin.next(later);

        schedule.throttled();

        assertThat(usual).isEqualTo(Duration.ofSeconds(3));
        assertThat(schedule.next(later)).isEqualTo(usual);
    }

    /** The waits after five throttled polls in a row, all at {@code now}. */
    private static List<Duration> throttledWaits(PollSchedule schedule, Instant now) {
        List<Duration> waits = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            schedule.throttled();
            waits.add(schedule.next(now));
        }
        return waits;
    }

    /**
     * Polls the scripted stack until its final event (kind 2) is read; the times of the polls.
     *
     * @param events {millis after the start, kind}: 0 a resource started, 1 one finished, 2 the stack finished
     */
    private List<Long> polls(List<long[]> events, Duration cloudAhead) {
        Instant started = clock.instant();
        PollSchedule schedule = new PollSchedule(timing, started);
        List<Long> polls = new ArrayList<>();
        long read = -1;
        while (polls.size() < 100) {
            Instant now = clock.instant();
            long at = Duration.between(started, now).toMillis();
            polls.add(at);
            List<StackEvent> fresh = new ArrayList<>();
            boolean ended = false;
            for (long[] e : events) {
                if (e[0] <= read || e[0] > at) continue;
                fresh.add(StackEvent.builder().timestamp(started.plus(cloudAhead).plusMillis(e[0]))
                        .resourceStatus(e[1] == 0 ? "CREATE_IN_PROGRESS" : "CREATE_COMPLETE").build());
                ended |= e[1] == 2;
            }
            read = at;
            schedule.observe(now, fresh);
            if (ended) return polls;
            clock.advance(schedule.next(now));
        }
        throw new AssertionError("never ended: " + polls);
    }

    /** {@code n} resources one after another, each taking {@code stepMillis}: each step finishes one and starts the next. */
    private static List<long[]> chain(int n, long stepMillis) {
        List<long[]> events = new ArrayList<>();
        events.add(new long[] {0, 0});
        events.add(new long[] {0, 0});
        for (int i = 1; i <= n; i++) {
            events.add(new long[] {i * stepMillis, 1});
            events.add(new long[] {i * stepMillis, i == n ? 2 : 0});
        }
        return events;
    }
}
