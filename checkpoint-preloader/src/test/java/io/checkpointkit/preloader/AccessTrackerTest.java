package io.checkpointkit.preloader;

import io.checkpointkit.testsupport.FakeClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class AccessTrackerTest {

    private final FakeClock clock = new FakeClock();

    private AccessTracker<String> tracker() {
        return AccessTracker.<String>builder().clock(clock).build();
    }

    private static void recordTimes(AccessTracker<String> tracker, String key, int times) {
        for (int i = 0; i < times; i++) {
            tracker.record(key);
        }
    }

    @Test
    void scoreIsTheCountDecayedByTheFactorPerIdleHour() {
        AccessTracker<String> tracker = tracker();
        recordTimes(tracker, "cp-1", 10);
        assertThat(tracker.score("cp-1")).isCloseTo(10.0, within(1e-9));

        clock.advance(Duration.ofHours(1));
        assertThat(tracker.score("cp-1")).isCloseTo(9.0, within(1e-9));

        clock.advance(Duration.ofMinutes(90));
        assertThat(tracker.score("cp-1")).isCloseTo(10 * Math.pow(0.9, 2.5), within(1e-9));
    }

    @Test
    void anAccessCountsAndRestartsTheDecay() {
        AccessTracker<String> tracker = tracker();
        tracker.record("k");
        clock.advance(Duration.ofHours(3));
        tracker.record("k");
        assertThat(tracker.score("k")).isCloseTo(2.0, within(1e-9));
    }

    @Test
    void untrackedKeyScoresZeroAndIsNotHot() {
        AccessTracker<String> tracker = tracker();
        assertThat(tracker.score("never")).isZero();
        assertThat(tracker.shouldPreload("never")).isFalse();
        assertThat(tracker.relatedKeys("never")).isEmpty();
    }

    @Test
    void keyIsHotUntilItsScoreDecaysToTheThreshold() {
        AccessTracker<String> tracker = tracker();
        tracker.record("k"); // score 1, threshold 0.5: 0.9^h falls to 0.5 after about 6.58 h
        assertThat(tracker.shouldPreload("k")).isTrue();
        assertThat(tracker.hotKeys(10)).containsExactly("k");

        clock.advance(Duration.ofHours(6));
        assertThat(tracker.shouldPreload("k")).isTrue();

        clock.advance(Duration.ofHours(1));
        assertThat(tracker.shouldPreload("k")).isFalse();
        assertThat(tracker.hotKeys(10)).isEmpty();
        assertThat(tracker.trackedKeys()).isEqualTo(1); // cold, but still tracked
    }

    @Test
    void hotKeysAreOrderedHighestScoreFirstAndCutToTheLimit() {
        AccessTracker<String> tracker = tracker();
        recordTimes(tracker, "often-long-ago", 20);
        clock.advance(Duration.ofHours(10)); // 20 * 0.9^10 = 6.97
        recordTimes(tracker, "twice", 2);
        recordTimes(tracker, "seven", 7);
        recordTimes(tracker, "once", 1);

        assertThat(tracker.hotKeys(10)).containsExactly("seven", "often-long-ago", "twice", "once");
        assertThat(tracker.hotKeys(2)).containsExactly("seven", "often-long-ago");
        assertThat(tracker.hotKeys(0)).isEmpty();
    }

    @Test
    void equalScoresPutTheMostRecentlyReadFirst() {
        AccessTracker<String> tracker = AccessTracker.<String>builder().clock(clock)
                .scoringFunction((count, since) -> count).build();
        tracker.record("older");
        clock.advance(Duration.ofSeconds(1));
        tracker.record("newer");
        assertThat(tracker.hotKeys(2)).containsExactly("newer", "older");
    }

    @Test
    void fullTrackerDropsTheLowestScoreWithItsRelatedKeys() {
        AccessTracker<String> tracker = AccessTracker.<String>builder().clock(clock).maxTrackedKeys(3).build();
        recordTimes(tracker, "a", 3);
        tracker.record("b", "b-related-1", "b-related-2");
        recordTimes(tracker, "c", 2);
        clock.advance(Duration.ofHours(1)); // a 2.7, b 0.9, c 1.8
        assertThat(tracker.associations()).isEqualTo(2);

        tracker.record("d"); // d 1.0: b is now the lowest

        assertThat(tracker.trackedKeys()).isEqualTo(3);
        assertThat(tracker.score("b")).isZero();
        assertThat(tracker.relatedKeys("b")).isEmpty();
        assertThat(tracker.associations()).isZero();
        assertThat(tracker.score("a")).isPositive();
        assertThat(tracker.score("c")).isPositive();
        assertThat(tracker.score("d")).isPositive();
    }

    @Test
    void decayPeriodSetsTheTimeScaleOfTheDefaultScoring() {
        AccessTracker<String> fast = AccessTracker.<String>builder().clock(clock)
                .decayFactor(0.5).decayPeriod(Duration.ofSeconds(1)).build();
        AccessTracker<String> hourly = AccessTracker.<String>builder().clock(clock).decayFactor(0.5).build();
        recordTimes(fast, "k", 8);
        recordTimes(hourly, "k", 8);
        clock.advance(Duration.ofSeconds(1));
        assertThat(fast.score("k")).isCloseTo(4.0, within(1e-9));
        clock.advance(Duration.ofMillis(1500));
        assertThat(fast.score("k")).isCloseTo(8 * Math.pow(0.5, 2.5), within(1e-9));
        assertThat(hourly.score("k")).isCloseTo(8 * Math.pow(0.5, 2.5 / 3600), within(1e-9));
        clock.advance(Duration.ofSeconds(4)); // 8 × 0.5^6.5 < 0.5
        assertThat(fast.shouldPreload("k")).isFalse();
        assertThat(hourly.shouldPreload("k")).isTrue();
    }

    @Test
    void defaultDecayIsPerHour() {
        Duration idle = Duration.ofMinutes(90);
        assertThat(ScoringFunction.decay(0.9).score(10, idle))
                .isCloseTo(ScoringFunction.decay(0.9, Duration.ofHours(1)).score(10, idle), within(1e-12))
                .isCloseTo(10 * Math.pow(0.9, 1.5), within(1e-12));
        assertThatThrownBy(() -> ScoringFunction.decay(0.9, Duration.ZERO)).hasMessageContaining("decayPeriod");
        assertThatThrownBy(() -> AccessTracker.builder().decayPeriod(Duration.ofNanos(999_999)))
                .hasMessageContaining("decayPeriod");
    }

    @Test
    void largeFullTrackerDropsASlackOfTheLowestScoresInOneScan() {
        AccessTracker<String> tracker = AccessTracker.<String>builder().clock(clock).maxTrackedKeys(64).build();
        for (int i = 0; i < 64; i++) {
            recordTimes(tracker, "k" + i, i + 2); // k0 scores 2, k63 scores 65
        }
        assertThat(tracker.trackedKeys()).isEqualTo(64);

        tracker.record("new"); // scores 1: one too many, and 64 / 32 = 2 more go in the same scan

        assertThat(tracker.trackedKeys()).isEqualTo(62);
        assertThat(tracker.score("new")).isZero();
        assertThat(tracker.score("k0")).isZero();
        assertThat(tracker.score("k1")).isZero();
        assertThat(tracker.score("k2")).isPositive();
        for (int i = 0; i < 2; i++) {
            tracker.record("more-" + i); // room for these without another scan
        }
        assertThat(tracker.trackedKeys()).isEqualTo(64);
        assertThat(tracker.score("k2")).isPositive();
    }

    @Test
    void newKeyThatScoresLowestIsTheOneDropped() {
        AccessTracker<String> tracker = AccessTracker.<String>builder().clock(clock).maxTrackedKeys(2).build();
        recordTimes(tracker, "a", 5);
        recordTimes(tracker, "b", 5);
        tracker.record("c");
        assertThat(tracker.trackedKeys()).isEqualTo(2);
        assertThat(tracker.score("c")).isZero();
    }

    @Test
    void relatedKeysAreKeptMostRecentFirstAndCapped() {
        AccessTracker<String> tracker = AccessTracker.<String>builder().clock(clock).build();
        tracker.record("cp", "r1", "r2", "cp", "r1");
        tracker.record("cp", "r3", "r4", "r5", "r6");
        assertThat(tracker.relatedKeys("cp")).containsExactly("r6", "r5", "r4", "r3", "r1");
        assertThat(tracker.associations()).isEqualTo(5);

        tracker.record("cp", "r2");
        assertThat(tracker.relatedKeys("cp")).containsExactly("r2", "r6", "r5", "r4", "r3");
        assertThat(tracker.associations()).isEqualTo(5);

        tracker.record("other", "r1");
        assertThat(tracker.associations()).isEqualTo(6);
    }

    @Test
    void zeroMaxRelatedKeysKeepsNone() {
        AccessTracker<String> tracker = AccessTracker.<String>builder().maxRelatedKeys(0).build();
        tracker.record("cp", "r1");
        assertThat(tracker.relatedKeys("cp")).isEmpty();
        assertThat(tracker.associations()).isZero();
    }

    @Test
    void clearForgetsEveryKeyButNotTheAccessCount() {
        AccessTracker<String> tracker = tracker();
        tracker.record("a", "b");
        tracker.record("c");
        tracker.clear();
        assertThat(tracker.trackedKeys()).isZero();
        assertThat(tracker.associations()).isZero();
        assertThat(tracker.hotKeys(10)).isEmpty();
        assertThat(tracker.accesses()).isEqualTo(2);
    }

    @Test
    void customScoringFunctionReplacesTheDecay() {
        AccessTracker<String> tracker = AccessTracker.<String>builder().clock(clock).threshold(5)
                .scoringFunction((count, since) -> count * 2.0 - since.toHours()).build();
        recordTimes(tracker, "k", 3);
        assertThat(tracker.score("k")).isEqualTo(6.0);
        assertThat(tracker.shouldPreload("k")).isTrue();
        clock.advance(Duration.ofHours(2));
        assertThat(tracker.score("k")).isEqualTo(4.0);
        assertThat(tracker.shouldPreload("k")).isFalse();
    }

    @Test
    void concurrentRecordsAreAllCounted() throws Exception {
        AccessTracker<String> tracker = AccessTracker.<String>builder().clock(clock).decayFactor(1.0).build();
        int threads = 4;
        int perThread = 5_000;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                done.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < perThread; i++) {
                        tracker.record("k" + (i % 10), "related");
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : done) {
                f.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        double total = 0;
        for (int i = 0; i < 10; i++) {
            total += tracker.score("k" + i);
        }
        assertThat(total).isEqualTo((double) threads * perThread);
        assertThat(tracker.accesses()).isEqualTo((long) threads * perThread);
        assertThat(tracker.associations()).isEqualTo(10);
    }

    @Test
    void concurrentRecordsOfManyKeysKeepTheBound() throws Exception {
        AccessTracker<Integer> tracker = AccessTracker.<Integer>builder().maxTrackedKeys(100).build();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int offset = t * 10_000;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < 2_000; i++) {
                        tracker.record(offset + i, offset + i + 1);
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        tracker.record(-1); // a last, uncontended record evicts down to the bound
        assertThat(tracker.trackedKeys()).isLessThanOrEqualTo(100);
        assertThat(tracker.associations()).isLessThanOrEqualTo(tracker.trackedKeys());
    }

    @Test
    void badArgumentsAreRejectedNamingTheField() {
        assertThatThrownBy(() -> AccessTracker.builder().decayFactor(0)).hasMessageContaining("decayFactor");
        assertThatThrownBy(() -> AccessTracker.builder().decayFactor(1.5)).hasMessageContaining("decayFactor");
        assertThatThrownBy(() -> AccessTracker.builder().threshold(-1)).hasMessageContaining("threshold");
        assertThatThrownBy(() -> AccessTracker.builder().threshold(Double.NaN)).hasMessageContaining("threshold");
        assertThatThrownBy(() -> AccessTracker.builder().maxTrackedKeys(0)).hasMessageContaining("maxTrackedKeys");
        assertThatThrownBy(() -> AccessTracker.builder().maxRelatedKeys(-1)).hasMessageContaining("maxRelatedKeys");
        AccessTracker<String> tracker = tracker();
        assertThatThrownBy(() -> tracker.record(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> tracker.record("k", (String) null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> tracker.hotKeys(-1)).hasMessageContaining("limit");
    }
}
