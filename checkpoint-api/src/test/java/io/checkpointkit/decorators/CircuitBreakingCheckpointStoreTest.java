package io.checkpointkit.decorators;

import io.checkpointkit.Checkpoint;
import io.checkpointkit.CheckpointConflictException;
import io.checkpointkit.CheckpointStoreUnavailableException;

import org.junit.jupiter.api.Test;

import java.io.UncheckedIOException;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CircuitBreakingCheckpointStoreTest {

    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
    private static final Duration WAIT = Duration.ofSeconds(30);

    private final FakeStore store = new FakeStore();
    private final FakeClock clock = new FakeClock(START);
    private final List<String> transitions = new ArrayList<>();

    private CircuitBreakingCheckpointStore breaker(int window, int minimumCalls, int trials) {
        return CircuitBreakingCheckpointStore.wrap(store, CircuitBreakerConfig.builder()
                .failureRateThreshold(0.5).slidingWindowSize(window).minimumCalls(minimumCalls)
                .waitInOpen(WAIT).permittedTrialCalls(trials).clock(clock)
                .listener((from, to, at) -> {
                    synchronized (transitions) {
                        transitions.add(from + "->" + to + "@" + at);
                    }
                })
                .build());
    }

    private static void unavailable(FakeStore store) {
        store.failWith(op -> new CheckpointStoreUnavailableException("down: " + op));
    }

    private static void failCalls(CircuitBreakingCheckpointStore breaker, int n) {
        for (int i = 0; i < n; i++) {
            assertThatThrownBy(() -> breaker.load("cp")).isInstanceOf(CheckpointStoreUnavailableException.class);
        }
    }

    private CircuitBreakingCheckpointStore openBreaker(int trials) {
        CircuitBreakingCheckpointStore breaker = breaker(4, 4, trials);
        unavailable(store);
        failCalls(breaker, 4);
        assertThat(breaker.state()).isEqualTo(CircuitState.OPEN);
        store.succeed();
        return breaker;
    }

    @Test
    void startsClosedAndForwardsCalls() {
        CircuitBreakingCheckpointStore breaker = breaker(4, 4, 1);
        Checkpoint saved = breaker.save(Checkpoint.builder("e").id("cp").build());

        assertThat(breaker.state()).isEqualTo(CircuitState.CLOSED);
        assertThat(breaker.load("cp")).contains(saved);
        assertThat(breaker.stats().calls()).isEqualTo(2);
    }

    @Test
    void closedOpensWhenFailureRateReachesThreshold() {
        CircuitBreakingCheckpointStore breaker = breaker(4, 4, 1);
        breaker.load("cp");
        breaker.load("cp");
        unavailable(store);
        failCalls(breaker, 1);
        assertThat(breaker.state()).isEqualTo(CircuitState.CLOSED); // 1 of 3: below minimum calls anyway
        failCalls(breaker, 1);

        assertThat(breaker.state()).isEqualTo(CircuitState.OPEN); // 2 of 4 = 0.5
        assertThat(transitions).containsExactly("CLOSED->OPEN@" + START);
    }

    @Test
    void closedStaysClosedBelowMinimumCalls() {
        CircuitBreakingCheckpointStore breaker = breaker(10, 5, 1);
        unavailable(store);
        failCalls(breaker, 4);

        assertThat(breaker.state()).isEqualTo(CircuitState.CLOSED);
        assertThat(breaker.stats().failureRate()).isEqualTo(1.0);
        failCalls(breaker, 1);
        assertThat(breaker.state()).isEqualTo(CircuitState.OPEN);
    }

    @Test
    void windowForgetsOutcomesOlderThanItsSize() {
        CircuitBreakingCheckpointStore breaker = breaker(4, 4, 1);
        unavailable(store);
        failCalls(breaker, 1);
        store.succeed();
        for (int i = 0; i < 4; i++) {
            breaker.load("cp");
        }
        assertThat(breaker.stats().failureRate()).isEqualTo(0.0);
        unavailable(store);
        failCalls(breaker, 1);

        assertThat(breaker.state()).isEqualTo(CircuitState.CLOSED); // 1 of the last 4
        assertThat(breaker.stats().bufferedCalls()).isEqualTo(4);
        assertThat(breaker.stats().failureRate()).isEqualTo(0.25);
    }

    @Test
    void openRejectsWithoutTouchingTheStoreAndSaysWhenToRetry() {
        CircuitBreakingCheckpointStore breaker = openBreaker(1);
        int callsBefore = store.calls();

        assertThatThrownBy(() -> breaker.save(Checkpoint.builder("e").build()))
                .isInstanceOfSatisfying(CircuitOpenException.class,
                        e -> assertThat(e.retryAt()).isEqualTo(START.plus(WAIT)))
                .hasMessageContaining("OPEN");
        assertThatThrownBy(() -> breaker.list("e")).isInstanceOf(CircuitOpenException.class);
        assertThat(store.calls()).isEqualTo(callsBefore);
        assertThat(breaker.stats().rejections()).isEqualTo(2);
    }

    @Test
    void openStaysOpenUntilTheWaitIsOver() {
        CircuitBreakingCheckpointStore breaker = openBreaker(1);
        clock.advance(WAIT.minusMillis(1));
        assertThat(breaker.state()).isEqualTo(CircuitState.OPEN);
        assertThatThrownBy(() -> breaker.load("cp")).isInstanceOf(CircuitOpenException.class);

        clock.advance(Duration.ofMillis(1));
        assertThat(breaker.state()).isEqualTo(CircuitState.HALF_OPEN);
    }

    @Test
    void halfOpenClosesWhenAllTrialsSucceed() {
        CircuitBreakingCheckpointStore breaker = openBreaker(2);
        clock.advance(WAIT);

        breaker.load("cp");
        assertThat(breaker.state()).isEqualTo(CircuitState.HALF_OPEN);
        breaker.load("cp");

        assertThat(breaker.state()).isEqualTo(CircuitState.CLOSED);
        assertThat(breaker.stats().bufferedCalls()).isZero();
        Instant at = START.plus(WAIT);
        assertThat(transitions).containsExactly("CLOSED->OPEN@" + START, "OPEN->HALF_OPEN@" + at,
                "HALF_OPEN->CLOSED@" + at);
    }

    @Test
    void halfOpenReopensWhenATrialFails() {
        CircuitBreakingCheckpointStore breaker = openBreaker(3);
        clock.advance(WAIT);
        breaker.load("cp");
        unavailable(store);
        failCalls(breaker, 1);

        assertThat(breaker.state()).isEqualTo(CircuitState.OPEN);
        Instant reopenedAt = START.plus(WAIT);
        assertThatThrownBy(() -> breaker.load("cp"))
                .isInstanceOfSatisfying(CircuitOpenException.class,
                        e -> assertThat(e.retryAt()).isEqualTo(reopenedAt.plus(WAIT)));
        assertThat(transitions).endsWith("HALF_OPEN->OPEN@" + reopenedAt);
    }

    @Test
    void halfOpenNeverAdmitsMoreConcurrentCallsThanPermittedTrials() throws Exception {
        int trials = 3;
        int callers = 16;
        CircuitBreakingCheckpointStore breaker = openBreaker(trials);
        clock.advance(WAIT);
        AtomicInteger inStore = new AtomicInteger();
        CountDownLatch trialsEntered = new CountDownLatch(trials);
        CountDownLatch release = new CountDownLatch(1);
        store.onCall((operation, argument) -> {
            inStore.incrementAndGet();
            trialsEntered.countDown();
            await(release);
        });
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        try {
            CountDownLatch go = new CountDownLatch(1);
            CountDownLatch rejectedWhileTrialsRun = new CountDownLatch(callers - trials);
            List<Future<String>> outcomes = new ArrayList<>();
            for (int i = 0; i < callers; i++) {
                outcomes.add(pool.submit(() -> {
                    go.await();
                    try {
                        breaker.load("cp");
                        return "trial";
                    } catch (CircuitOpenException e) {
                        rejectedWhileTrialsRun.countDown();
                        return "rejected";
                    }
                }));
            }
            go.countDown();
            assertThat(trialsEntered.await(10, TimeUnit.SECONDS)).isTrue();
            // Every other caller is rejected while the trials are still held in the store.
            assertThat(rejectedWhileTrialsRun.await(10, TimeUnit.SECONDS)).isTrue();
            release.countDown();
            int rejected = 0;
            for (Future<String> outcome : outcomes) {
                if (outcome.get(10, TimeUnit.SECONDS).equals("rejected")) {
                    rejected++;
                }
            }
            assertThat(inStore.get()).isEqualTo(trials);
            assertThat(rejected).isEqualTo(callers - trials);
            assertThat(breaker.state()).isEqualTo(CircuitState.CLOSED);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void conflictsAndBadArgumentsDoNotCount() {
        CircuitBreakingCheckpointStore breaker = breaker(4, 4, 1);
        breaker.save(Checkpoint.builder("e").id("cp").build());
        for (int i = 0; i < 8; i++) {
            assertThatThrownBy(() -> breaker.save(Checkpoint.builder("other").id("cp").build()))
                    .isInstanceOf(CheckpointConflictException.class);
            assertThatThrownBy(() -> breaker.load("bad\u0000id")).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> breaker.load(null)).isInstanceOf(NullPointerException.class);
        }

        assertThat(breaker.state()).isEqualTo(CircuitState.CLOSED);
        assertThat(breaker.stats().failures()).isZero();
        assertThat(breaker.stats().failureRate()).isZero();
    }

    @Test
    void exceptionsOutsideTheRecordedTypesDoNotCount() {
        CircuitBreakingCheckpointStore breaker = breaker(4, 4, 1);
        store.failWith(op -> new UncheckedIOException(new IOException("disk")));
        for (int i = 0; i < 8; i++) {
            assertThatThrownBy(() -> breaker.load("cp")).isInstanceOf(UncheckedIOException.class);
        }
        assertThat(breaker.state()).isEqualTo(CircuitState.CLOSED);
        assertThat(breaker.stats().failures()).isZero();
    }

    @Test
    void configuredExceptionTypesCountAlsoAsCauses() {
        CircuitBreakingCheckpointStore breaker = CircuitBreakingCheckpointStore.wrap(store,
                CircuitBreakerConfig.builder().slidingWindowSize(2).minimumCalls(2)
                        .recordExceptions(IOException.class).clock(clock).build());
        store.failWith(op -> new UncheckedIOException(new IOException("disk")));
        assertThatThrownBy(() -> breaker.load("cp")).isInstanceOf(UncheckedIOException.class);
        assertThatThrownBy(() -> breaker.load("cp")).isInstanceOf(UncheckedIOException.class);

        assertThat(breaker.state()).isEqualTo(CircuitState.OPEN);
    }

    @Test
    void anIgnoredTrialGivesItsPermitBack() {
        CircuitBreakingCheckpointStore breaker = openBreaker(1);
        clock.advance(WAIT);
        assertThatThrownBy(() -> breaker.load("bad\u0000id")).isInstanceOf(IllegalArgumentException.class);

        assertThat(breaker.state()).isEqualTo(CircuitState.HALF_OPEN);
        breaker.load("cp");
        assertThat(breaker.state()).isEqualTo(CircuitState.CLOSED);
    }

    @Test
    void aCircuitOpenExceptionFromAnInnerBreakerCounts() {
        CircuitBreakingCheckpointStore inner = openBreaker(1);
        CircuitBreakingCheckpointStore outer = CircuitBreakingCheckpointStore.wrap(inner,
                CircuitBreakerConfig.builder().slidingWindowSize(2).minimumCalls(2).clock(clock).build());
        assertThatThrownBy(() -> outer.load("cp")).isInstanceOf(CircuitOpenException.class);
        assertThatThrownBy(() -> outer.load("cp")).isInstanceOf(CircuitOpenException.class);

        assertThat(outer.state()).isEqualTo(CircuitState.OPEN);
    }

    @Test
    void statsCountCallsFailuresRejectionsAndTransitions() {
        CircuitBreakingCheckpointStore breaker = openBreaker(1);
        assertThatThrownBy(() -> breaker.load("cp")).isInstanceOf(CircuitOpenException.class);

        CircuitBreakerStats stats = breaker.stats();
        assertThat(stats.state()).isEqualTo(CircuitState.OPEN);
        assertThat(stats.calls()).isEqualTo(4);
        assertThat(stats.failures()).isEqualTo(4);
        assertThat(stats.rejections()).isEqualTo(1);
        assertThat(stats.transitions()).isEqualTo(1);
        assertThat(stats.failureRate()).isEqualTo(1.0); // the window that opened it
        assertThat(stats.bufferedCalls()).isEqualTo(4);
    }

    @Test
    void listenersAddedLaterAreToldAndAFailingListenerIsContained() {
        CircuitBreakingCheckpointStore breaker = breaker(2, 2, 1);
        List<CircuitState> seen = new ArrayList<>();
        breaker.addListener((from, to, at) -> {
            throw new IllegalStateException("listener bug");
        });
        breaker.addListener((from, to, at) -> seen.add(to));
        unavailable(store);
        failCalls(breaker, 2);

        assertThat(seen).containsExactly(CircuitState.OPEN);
    }

    @Test
    void listenersHearRacingTransitionsInTheOrderTheyTookEffect() throws Exception {
        // A clock that moves 1 ms each time it is read and a 1 ms wait: every call after an
        // opening moves to HALF_OPEN, so eight threads keep the breaker cycling through
        // CLOSED > OPEN > HALF_OPEN > OPEN/CLOSED and consecutive transitions land on different
        // threads. Told in order, each transition starts where the one before it ended.
        AtomicLong millis = new AtomicLong();
        Clock ticking = new Clock() {
            @Override
            public Instant instant() {
                return START.plusMillis(millis.incrementAndGet());
            }

            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                throw new UnsupportedOperationException();
            }
        };
        List<CircuitState[]> heard = new ArrayList<>();
        AtomicInteger concurrentDeliveries = new AtomicInteger();
        AtomicInteger overlaps = new AtomicInteger();
        CircuitBreakingCheckpointStore breaker = CircuitBreakingCheckpointStore.wrap(store,
                CircuitBreakerConfig.builder().failureRateThreshold(0.5).slidingWindowSize(2).minimumCalls(1)
                        .waitInOpen(Duration.ofMillis(1)).permittedTrialCalls(1).clock(ticking)
                        .listener((from, to, at) -> {
                            if (concurrentDeliveries.incrementAndGet() > 1) {
                                overlaps.incrementAndGet();
                            }
                            Thread.yield();
                            synchronized (heard) {
                                heard.add(new CircuitState[] {from, to});
                            }
                            concurrentDeliveries.decrementAndGet();
                        })
                        .build());
        store.onCall((operation, argument) -> {
            if (ThreadLocalRandom.current().nextBoolean()) {
                throw new CheckpointStoreUnavailableException("down");
            }
        });
        int threads = 8;
        int callsPerThread = 2_000;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                done.add(pool.submit(() -> {
                    for (int i = 0; i < callsPerThread; i++) {
                        try {
                            breaker.load("cp");
                        } catch (CheckpointStoreUnavailableException expected) {
                            // failures and rejections both drive the breaker
                        }
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        CircuitBreakerStats stats = breaker.stats(); // may itself move OPEN to HALF_OPEN, so read it first
        List<CircuitState[]> told;
        synchronized (heard) {
            told = new ArrayList<>(heard);
        }
        assertThat(told).hasSize((int) stats.transitions()).hasSizeGreaterThan(1000);
        CircuitState expectedFrom = CircuitState.CLOSED;
        for (int i = 0; i < told.size(); i++) {
            CircuitState[] transition = told.get(i);
            assertThat(transition[0]).as("transition %d of %d: %s>%s", i, told.size(), transition[0], transition[1])
                    .isEqualTo(expectedFrom);
            expectedFrom = transition[1];
        }
        assertThat(expectedFrom).isEqualTo(stats.state());
        assertThat(overlaps).as("listener calls that overlapped").hasValue(0);
    }

    @Test
    void closePassesThroughEvenWhenOpen() {
        CircuitBreakingCheckpointStore breaker = openBreaker(1);
        breaker.close();
        assertThat(store.isClosed()).isTrue();
    }

    @Test
    void configValidationNamesTheField() {
        assertThatThrownBy(() -> CircuitBreakerConfig.builder().failureRateThreshold(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("failureRateThreshold");
        assertThatThrownBy(() -> CircuitBreakerConfig.builder().failureRateThreshold(1.5))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("failureRateThreshold");
        assertThatThrownBy(() -> CircuitBreakerConfig.builder().slidingWindowSize(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("slidingWindowSize");
        assertThatThrownBy(() -> CircuitBreakerConfig.builder().minimumCalls(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("minimumCalls");
        assertThatThrownBy(() -> CircuitBreakerConfig.builder().slidingWindowSize(5).minimumCalls(6).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("minimumCalls");
        assertThatThrownBy(() -> CircuitBreakerConfig.builder().waitInOpen(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("waitInOpen");
        assertThatThrownBy(() -> CircuitBreakerConfig.builder().permittedTrialCalls(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("permittedTrialCalls");
        assertThatThrownBy(() -> CircuitBreakerConfig.builder().recordExceptions())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("recordExceptions");
        assertThat(CircuitBreakerConfig.defaults().slidingWindowSize())
                .isEqualTo(CircuitBreakerConfig.DEFAULT_SLIDING_WINDOW_SIZE);
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                throw new AssertionError("latch not released");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
