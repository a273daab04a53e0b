package io.checkpointkit.preloader;

import com.github.benmanes.caffeine.cache.Scheduler;
import io.checkpointkit.Checkpoint;
import io.checkpointkit.CheckpointStoreUnavailableException;
import io.checkpointkit.memory.MemoryCheckpointStore;
import io.checkpointkit.testsupport.InstrumentedCheckpointStore;
import io.checkpointkit.testsupport.InstrumentedCheckpointStore.Operation;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.ThreadPoolExecutor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class PreloadingCheckpointStoreTest {

    private static final Duration EXPIRE = Duration.ofSeconds(30);
    private static final Duration INTERVAL = Duration.ofSeconds(10);

    /** The ticker and scheduler of every store here; with {@code executor(Runnable::run)}, rounds run on the test's thread. */
    private final FakeTime clock = new FakeTime();
    private final MemoryCheckpointStore memory = MemoryCheckpointStore.create();
    private final InstrumentedCheckpointStore backend = InstrumentedCheckpointStore.wrap(memory);
    /** Rounds run only when a test calls preloadNow(): the scheduled ones are an hour away. */
    private final PreloadingCheckpointStore store = PreloadingCheckpointStore.wrap(backend, PreloaderConfig.builder()
            .expireAfterWrite(EXPIRE).interval(Duration.ofHours(1)).ticker(clock).scheduler(clock).executor(Runnable::run).build());
    private final String execution = "exec-" + UUID.randomUUID();
    private Instant time = Instant.parse("2026-01-01T00:00:00Z");

    @AfterEach
    void closeStore() {
        store.close();
    }

    private Checkpoint checkpoint(String executionId, String id) {
        time = time.plusSeconds(1);
        return Checkpoint.builder(executionId).id(id).timestamp(time).state(id.getBytes()).build();
    }

    @Test
    void repeatedReadsAreServedFromTheCache() {
        Checkpoint saved = memory.save(checkpoint(execution, "cp-1"));

        assertThat(store.latest(execution)).contains(saved);
        assertThat(store.latest(execution)).contains(saved);
        assertThat(store.load("cp-1")).contains(saved);
        assertThat(store.load("cp-1")).contains(saved);

        assertThat(backend.calls(Operation.LATEST)).isEqualTo(1);
        assertThat(backend.calls(Operation.LOAD)).isEqualTo(1);
        PreloaderStats stats = store.stats();
        assertThat(stats.accesses()).isEqualTo(4);
        assertThat(stats.cacheHitRate()).isEqualTo(0.5);
        assertThat(stats.trackedKeys()).isEqualTo(2);
        assertThat(stats.associations()).isEqualTo(1); // the checkpoint relates to its execution's latest
    }

    @Test
    void checkpointIdsAndExecutionIdsDoNotShareEntries() {
        Checkpoint inX = memory.save(checkpoint("x", "a"));
        Checkpoint namedX = memory.save(checkpoint("other-" + execution, "x"));

        assertThat(store.latest("x")).contains(inX);
        assertThat(store.load("x")).contains(namedX);
        assertThat(store.latest("x")).contains(inX);
        assertThat(store.load("x")).contains(namedX);
        assertThat(store.latest("a")).isEmpty();
        assertThat(store.load("a")).contains(inX);
    }

    @Test
    void absentResultsAreCachedUntilAWriteThroughTheDecorator() {
        assertThat(store.load("cp-1")).isEmpty();
        assertThat(store.latest(execution)).isEmpty();
        assertThat(store.load("cp-1")).isEmpty();
        assertThat(store.latest(execution)).isEmpty();
        assertThat(backend.calls(Operation.LOAD, Operation.LATEST)).isEqualTo(2);

        Checkpoint saved = store.save(checkpoint(execution, "cp-1"));

        assertThat(store.load("cp-1")).contains(saved);
        assertThat(store.latest(execution)).contains(saved);
        assertThat(backend.calls(Operation.LOAD, Operation.LATEST)).isEqualTo(2); // the save put both in the cache
    }

    @Test
    void savesThroughTheDecoratorAreSeenAtOnce() {
        Checkpoint first = store.save(checkpoint(execution, "cp-1"));
        assertThat(store.latest(execution)).contains(first);
        assertThat(store.load("cp-1")).contains(first);

        Checkpoint second = store.save(checkpoint(execution, "cp-2"));
        assertThat(store.latest(execution)).contains(second);

        Checkpoint firstUpdated = store.save(first.toBuilder().state(new byte[] {42}).build());
        assertThat(firstUpdated.version()).isEqualTo(2);
        assertThat(store.load("cp-1")).contains(firstUpdated);
        assertThat(store.latest(execution)).contains(second); // an older one changed: latest stays

        Checkpoint secondMovedBack = store.save(second.toBuilder().timestamp(Instant.parse("2020-01-01T00:00:00Z")).build());
        assertThat(store.latest(execution)).contains(firstUpdated); // the latest moved back in time
        assertThat(store.load("cp-2")).contains(secondMovedBack);
    }

    @Test
    void aSaveUpdatesTheEntryOfItsIdButCreatesNone() {
        Checkpoint first = store.save(checkpoint(execution, "cp-1"));
        assertThat(store.load("cp-1")).contains(first); // not cached by the save: one backend read
        assertThat(backend.calls(Operation.LOAD)).isEqualTo(1);

        Checkpoint updated = store.save(first.toBuilder().state(new byte[] {7}).build());
        assertThat(store.load("cp-1")).contains(updated); // the cached entry was updated
        assertThat(backend.calls(Operation.LOAD)).isEqualTo(1);
    }

    @Test
    void deletesClearsAndTrimsThroughTheDecoratorAreSeenAtOnce() {
        Checkpoint first = store.save(checkpoint(execution, "cp-1"));
        Checkpoint second = store.save(checkpoint(execution, "cp-2"));
        Checkpoint third = store.save(checkpoint(execution, "cp-3"));
        readAll("cp-1", "cp-2", "cp-3");

        assertThat(store.delete("cp-3")).isTrue();
        assertThat(store.load("cp-3")).isEmpty();
        assertThat(store.latest(execution)).contains(second);

        assertThat(store.trim(execution, 1)).isEqualTo(1);
        assertThat(store.load("cp-1")).isEmpty();
        assertThat(store.load("cp-2")).contains(second);
        assertThat(store.latest(execution)).contains(second);

        assertThat(store.trim(execution, 0)).isEqualTo(1);
        assertThat(store.latest(execution)).isEmpty();

        store.save(first.withVersion(0));
        readAll("cp-1");
        assertThat(store.clear(execution)).isEqualTo(1);
        assertThat(store.load("cp-1")).isEmpty();
        assertThat(store.latest(execution)).isEmpty();
        assertThat(third.id()).isEqualTo("cp-3");
    }

    private void readAll(String... ids) {
        store.latest(execution);
        for (String id : ids) {
            store.load(id);
        }
    }

    @Test
    void deletedIdCanBeReusedInAnotherExecution() {
        store.save(checkpoint(execution, "shared"));
        store.load("shared");
        store.delete("shared");
        Checkpoint elsewhere = store.save(checkpoint("other-" + execution, "shared"));
        assertThat(store.load("shared")).contains(elsewhere);
        assertThat(store.latest(execution)).isEmpty();
    }

    @Test
    void writeAroundTheDecoratorIsSeenOnceTheEntryExpires() {
        Checkpoint old = memory.save(checkpoint(execution, "cp-1"));
        assertThat(store.latest(execution)).contains(old);
        assertThat(store.load("cp-1")).contains(old);

        Checkpoint newer = memory.save(checkpoint(execution, "cp-2")); // another process
        Checkpoint updated = memory.save(old.toBuilder().state(new byte[] {7}).build());
        clock.advance(EXPIRE.minusMillis(1));
        assertThat(store.latest(execution)).contains(old); // within the documented window

        clock.advance(Duration.ofMillis(1));
        assertThat(store.latest(execution)).contains(newer);
        assertThat(store.load("cp-1")).contains(updated);
    }

    @Test
    void readInFlightDuringASaveDoesNotCacheTheOlderResult() throws Exception {
        Checkpoint old = store.save(checkpoint(execution, "cp-1"));
        clock.advance(EXPIRE); // nothing cached: the next read goes to the backend
        InstrumentedCheckpointStore.Hold hold = backend.holdNext(Operation.LOAD, Operation.LATEST);
        CompletableFuture<Optional<Checkpoint>> reader = CompletableFuture.supplyAsync(() -> store.latest(execution));
        hold.awaitHeld(); // the reader holds `old`, not yet cached

        Checkpoint newer = store.save(checkpoint(execution, "cp-2"));
        hold.release();

        assertThat(reader.get(10, TimeUnit.SECONDS)).contains(old); // it read before the save
        assertThat(store.latest(execution)).contains(newer);
        assertThat(store.latest(execution)).contains(newer);
    }

    @Test
    void loadInFlightDuringAnUpdateDoesNotCacheTheOlderVersion() throws Exception {
        Checkpoint old = store.save(checkpoint(execution, "cp-1"));
        clock.advance(EXPIRE);
        InstrumentedCheckpointStore.Hold hold = backend.holdNext(Operation.LOAD, Operation.LATEST);
        CompletableFuture<Optional<Checkpoint>> reader = CompletableFuture.supplyAsync(() -> store.load("cp-1"));
        hold.awaitHeld();

        Checkpoint updated = store.save(old.toBuilder().state(new byte[] {1}).build());
        hold.release();

        assertThat(reader.get(10, TimeUnit.SECONDS)).contains(old);
        assertThat(store.load("cp-1")).contains(updated);
    }

    @Test
    void loadInFlightDuringAClearDoesNotCacheTheClearedCheckpoint() throws Exception {
        store.save(checkpoint(execution, "cp-1"));
        clock.advance(EXPIRE);
        InstrumentedCheckpointStore.Hold hold = backend.holdNext(Operation.LOAD, Operation.LATEST);
        CompletableFuture<Optional<Checkpoint>> reader = CompletableFuture.supplyAsync(() -> store.load("cp-1"));
        hold.awaitHeld();

        store.clear(execution);
        hold.release();

        assertThat(reader.get(10, TimeUnit.SECONDS)).isPresent();
        assertThat(store.load("cp-1")).isEmpty();
    }

    @Test
    void latestInFlightDuringADeleteDoesNotCacheTheDeletedCheckpoint() throws Exception {
        Checkpoint first = store.save(checkpoint(execution, "cp-1"));
        store.save(checkpoint(execution, "cp-2"));
        clock.advance(EXPIRE);
        InstrumentedCheckpointStore.Hold hold = backend.holdNext(Operation.LOAD, Operation.LATEST);
        CompletableFuture<Optional<Checkpoint>> reader = CompletableFuture.supplyAsync(() -> store.latest(execution));
        hold.awaitHeld();

        store.delete("cp-2");
        hold.release();

        assertThat(reader.get(10, TimeUnit.SECONDS)).map(Checkpoint::id).contains("cp-2");
        assertThat(store.latest(execution)).contains(first);
    }

    @Test
    void preloadInFlightDuringASaveDoesNotCacheTheOlderResult() throws Exception {
        Checkpoint old = store.save(checkpoint(execution, "cp-1"));
        readUntilTheEntryExpires(store, () -> store.latest(execution));
        InstrumentedCheckpointStore.Hold hold = backend.holdNext(Operation.LOAD, Operation.LATEST);
        CompletableFuture<Integer> round = CompletableFuture.supplyAsync(() -> {
            try {
                return store.preloadNow();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        hold.awaitHeld(); // the preloader holds `old`

        Checkpoint newer = store.save(checkpoint(execution, "cp-2"));
        hold.release();

        assertThat(round.get(10, TimeUnit.SECONDS)).isEqualTo(1);
        assertThat(store.latest(execution)).contains(newer);
        assertThat(old.id()).isEqualTo("cp-1");
    }

    @Test
    void preloaderLoadsHotKeysThatAreMissingAndCountsPreloadHits() throws Exception {
        Checkpoint saved = memory.save(checkpoint(execution, "cp-1"));
        readUntilTheEntryExpires(store, () -> store.latest(execution)); // a reader would miss
        int readsBefore = backend.calls(Operation.LOAD, Operation.LATEST);

        assertThat(store.preloadNow()).isEqualTo(1);
        assertThat(backend.calls(Operation.LOAD, Operation.LATEST)).isEqualTo(readsBefore + 1);
        assertThat(store.stats().preloads()).isEqualTo(1);
        assertThat(store.stats().preloadHitRate()).isZero();

        assertThat(store.latest(execution)).contains(saved);
        assertThat(store.latest(execution)).contains(saved);
        assertThat(backend.calls(Operation.LOAD, Operation.LATEST)).isEqualTo(readsBefore + 1);
        PreloaderStats stats = store.stats();
        assertThat(stats.preloadHits()).isEqualTo(2);
        assertThat(stats.preloadHitRate()).isEqualTo(1.0);
        assertThat(stats.inFlightPreloads()).isZero();
    }

    @Test
    void preloaderLoadsTheRelatedLatestOfAHotCheckpoint() throws Exception {
        Checkpoint first = memory.save(checkpoint(execution, "cp-1"));
        Checkpoint second = memory.save(checkpoint(execution, "cp-2"));
        readUntilTheEntryExpires(store, () -> store.load("cp-1")); // relates latest(execution)

        assertThat(store.preloadNow()).isEqualTo(2);
        int reads = backend.calls(Operation.LOAD, Operation.LATEST);
        assertThat(store.load("cp-1")).contains(first);
        assertThat(store.latest(execution)).contains(second);
        assertThat(backend.calls(Operation.LOAD, Operation.LATEST)).isEqualTo(reads);
        assertThat(store.stats().preloadHits()).isEqualTo(2);
    }

    @Test
    void preloaderRefreshesEntriesThatWouldExpireBeforeTheNextRound() throws Exception {
        PreloadingCheckpointStore refreshing = PreloadingCheckpointStore.wrap(InstrumentedCheckpointStore.wrap(memory),
                PreloaderConfig.builder().expireAfterWrite(EXPIRE).interval(INTERVAL).ticker(clock).scheduler(clock).executor(Runnable::run).build());
        try {
            memory.save(checkpoint(execution, "cp-1"));
            refreshing.latest(execution);
            refreshing.latest(execution); // served from the entry: worth refreshing
            assertThat(refreshing.preloadNow()).isZero(); // fresh

            // Due once age + horizon reaches the expiry; the horizon is the interval and a quarter.
            Duration horizon = INTERVAL.plus(INTERVAL.dividedBy(4));
            clock.advance(EXPIRE.minus(horizon).minusMillis(1));
            assertThat(refreshing.preloadNow()).isZero();

            clock.advance(Duration.ofMillis(1)); // would expire before the next round
            assertThat(refreshing.preloadNow()).isEqualTo(1);
            assertThat(refreshing.preloadNow()).isZero(); // just reloaded
            clock.advance(EXPIRE.minusMillis(1));
            refreshing.latest(execution);
            assertThat(refreshing.stats().cacheHitRate()).isCloseTo(2.0 / 3, within(1e-9));
            assertThat(refreshing.stats().preloadHits()).isEqualTo(1);
        } finally {
            refreshing.close();
        }
    }

    @Test
    void scheduledRoundReloadsShortlyBeforeExpiryOnceAndSkipsEntriesReplacedMeanwhile() throws Exception {
        InstrumentedCheckpointStore counted = InstrumentedCheckpointStore.wrap(memory);
        // Fake clock for ages; real time for the plan: 4 s entries, 2 s rounds, reload 500 ms early.
        PreloadingCheckpointStore planning = PreloadingCheckpointStore.wrap(counted, PreloaderConfig.builder()
                .expireAfterWrite(Duration.ofSeconds(4)).interval(Duration.ofSeconds(2)).ticker(clock).scheduler(clock).executor(Runnable::run).build());
        try {
            Checkpoint saved = memory.save(checkpoint("soon", "cp-s"));
            memory.save(checkpoint("later", "cp-l"));
            for (String key : List.of("soon", "later", "soon", "later")) {
                planning.latest(key); // a miss, then a hit: both worth refreshing
            }
            clock.advance(Duration.ofMillis(1500));
            planning.latest("later");
            planning.latest("later");
            int reads = counted.calls(Operation.LATEST);
            // "soon" and "later" were cached 1.5 s ago: due (1.5 s + horizon 2.5 s = 4 s), 2.5 s
            // left, so their reloads are planned 2 s from now; "later" gets a save meanwhile.
            planning.planPreloadsNow();
            planning.planPreloadsNow(); // planned already: not twice
            assertThat(planning.plannedPreloads()).isEqualTo(2);
            planning.save(checkpoint("later", "cp-l2"));

            clock.advance(Duration.ofSeconds(2)); // the planned reloads come due (and the round at 2 s, which skips them)
            assertThat(planning.plannedPreloads()).isZero();
            assertThat(planning.stats().preloads()).isEqualTo(1); // "soon" only: "later" was fresh
            assertThat(counted.calls(Operation.LATEST)).isEqualTo(reads + 1);
            clock.advance(Duration.ofSeconds(3)); // the first entry of "soon" would have expired
            assertThat(planning.latest("soon")).contains(saved);
            // One more: the round at 4 s planned "later" (hot; its saved entry due by 6.5 s).
            assertThat(counted.calls(Operation.LATEST)).isEqualTo(reads + 2);
        } finally {
            planning.close();
        }
    }

    @Test
    void batchGoesToTheHottestKeysThatNeedALoad() throws Exception {
        InstrumentedCheckpointStore counted = InstrumentedCheckpointStore.wrap(memory);
        PreloadingCheckpointStore small = PreloadingCheckpointStore.wrap(counted, PreloaderConfig.builder()
                .expireAfterWrite(EXPIRE).interval(INTERVAL).ticker(clock).scheduler(Scheduler.disabledScheduler())
                .executor(Runnable::run).batchSize(1).build()); // rounds only through preloadNow
        try {
            memory.save(checkpoint("hottest", "cp-h"));
            memory.save(checkpoint("warm", "cp-w"));
            memory.save(checkpoint("cold-but-hot", "cp-c"));
            for (int i = 0; i < 5; i++) {
                small.latest("hottest");
            }
            small.latest("warm");
            small.latest("warm");
            small.latest("cold-but-hot");
            clock.advance(EXPIRE.dividedBy(2).minusMillis(1));
            for (String key : List.of("hottest", "warm", "cold-but-hot")) {
                small.latest(key); // read recently, before the last 15 s (where a read plans a reload)
            }
            clock.advance(EXPIRE.dividedBy(2).plusMillis(1)); // all three expired
            small.latest("hottest"); // the hottest is cached again: no load needed

            assertThat(small.preloadNow()).isEqualTo(1);
            int reads = counted.calls(Operation.LATEST);
            small.latest("warm");
            assertThat(counted.calls(Operation.LATEST)).isEqualTo(reads); // the batch went to "warm"
            small.latest("cold-but-hot");
            assertThat(counted.calls(Operation.LATEST)).isEqualTo(reads + 1);
        } finally {
            small.close();
        }
    }

    /**
     * Reads through {@code read} now, and again halfway through the life of the entry it cached
     * (a hit), then lets the entry expire: the key is missing but was read within {@code EXPIRE}.
     */
    private void readUntilTheEntryExpires(PreloadingCheckpointStore s, Runnable read) {
        read.run();
        // Half the entry's life minus 1 ms: a hit, but not in the last part of the entry's life,
        // where it would plan the entry's reload (min(interval, expiry / 2) = 15 s before expiry).
        clock.advance(EXPIRE.dividedBy(2).minusMillis(1));
        long hits = Math.round(s.stats().cacheHitRate() * s.stats().accesses());
        read.run();
        assertThat(Math.round(s.stats().cacheHitRate() * s.stats().accesses())).isEqualTo(hits + 1);
        clock.advance(EXPIRE.dividedBy(2).plusMillis(1));
    }

    @Test
    void aPausedKeyStaysLoadedAndIsFoundInMemoryWhenItsReadersReturn() {
        InstrumentedCheckpointStore counted = InstrumentedCheckpointStore.wrap(memory);
        // Rounds every 10 s run on the fake scheduler as time passes; entries live 30 s.
        PreloadingCheckpointStore paused = PreloadingCheckpointStore.wrap(counted, PreloaderConfig.builder()
                .expireAfterWrite(EXPIRE).interval(INTERVAL).ticker(clock).scheduler(clock).executor(Runnable::run).build());
        try {
            Checkpoint saved = memory.save(checkpoint(execution, "cp-1"));
            for (int i = 0; i < 30; i++) { // a burst: 30 reads, one a second
                paused.latest(execution);
                clock.advance(Duration.ofSeconds(1));
            }
            clock.advance(EXPIRE.multipliedBy(5)); // a pause of 5 expiries (a human approval)
            int reads = counted.calls(Operation.LATEST);

            assertThat(paused.latest(execution)).contains(saved);
            assertThat(counted.calls(Operation.LATEST)).isEqualTo(reads); // a hit: preloaded through the pause
            // 30 × 0.4^4 = 0.77 is still above 0.5 after the 4 values that expired unread.
            assertThat(paused.tracker().unreadExpiries(CacheKey.latest(execution))).isZero(); // the read reset it
        } finally {
            paused.close();
        }
    }

    @Test
    void aKeyWhoseReadersLeftIsReloadedABoundedNumberOfTimes() {
        InstrumentedCheckpointStore counted = InstrumentedCheckpointStore.wrap(memory);
        PreloadingCheckpointStore left = PreloadingCheckpointStore.wrap(counted, PreloaderConfig.builder()
                .expireAfterWrite(EXPIRE).interval(INTERVAL).ticker(clock).scheduler(clock).executor(Runnable::run).build());
        try {
            memory.save(checkpoint(execution, "cp-1"));
            for (int i = 0; i < 100; i++) {
                left.latest(execution); // very hot: 100, above the threshold for hours by decay alone
            }
            clock.advance(Duration.ofHours(1)); // nobody comes back

            // Score 100 × 0.4^n (time decay over these few minutes is under 1 %): the loads after
            // the last read stop once it is at most 0.5, after ceil(log(100 / 0.5) / log(2.5)) = 6
            // values expired unread.
            CacheKey key = CacheKey.latest(execution);
            assertThat(left.tracker().unreadExpiries(key)).isEqualTo(6);
            assertThat(left.tracker().shouldPreload(key)).isFalse();
            long preloads = left.stats().preloads();
            assertThat(preloads).isEqualTo(6);
            assertThat(counted.calls(Operation.LATEST)).isEqualTo(1 + 6); // the first miss and the loads
            clock.advance(Duration.ofHours(1));
            assertThat(left.stats().preloads()).isEqualTo(preloads);

            left.latest(execution); // a reader again: the count starts over and the key is hot
            assertThat(left.tracker().unreadExpiries(key)).isZero();
            assertThat(left.tracker().shouldPreload(key)).isTrue();
        } finally {
            left.close();
        }
    }

    @Test
    void coldKeysAreNotPreloaded() throws Exception {
        memory.save(checkpoint(execution, "cp-1"));
        store.latest(execution);
        clock.advance(Duration.ofHours(7)); // 0.9^7 < 0.5
        assertThat(store.preloadNow()).isZero();
    }

    @Test
    void failedPreloadsAreCountedRetriedAndNeverThrownAtReaders() throws Exception {
        Checkpoint saved = memory.save(checkpoint(execution, "cp-1"));
        readUntilTheEntryExpires(store, () -> store.latest(execution));

        backend.failWith(operation -> new CheckpointStoreUnavailableException("the backend is down (on purpose, for a test)"),
                Operation.LOAD, Operation.LATEST);
        assertThat(store.preloadNow()).isEqualTo(1);
        assertThat(store.preloadNow()).isEqualTo(1);
        assertThat(store.stats().preloadFailures()).isEqualTo(2);
        assertThat(store.stats().preloads()).isZero();

        backend.succeed();
        assertThat(store.preloadNow()).isEqualTo(1);
        assertThat(store.stats().preloads()).isEqualTo(1);
        assertThat(store.latest(execution)).contains(saved);
        assertThat(store.stats().preloadFailures()).isEqualTo(2);
    }

    @Test
    void preloadInterruptedByCloseIsNotCountedAsAFailure() throws Exception {
        // The default executor (the store's own threads, which close() interrupts); fake time.
        PreloadingCheckpointStore own = PreloadingCheckpointStore.wrap(backend, PreloaderConfig.builder()
                .expireAfterWrite(EXPIRE).interval(Duration.ofHours(1)).ticker(clock).scheduler(clock).build());
        memory.save(checkpoint(execution, "cp-1"));
        readUntilTheEntryExpires(own, () -> own.latest(execution));
        InstrumentedCheckpointStore.Hold hold = backend.holdNext(Operation.LOAD, Operation.LATEST);
        Thread round = new Thread(() -> {
            try {
                own.preloadNow();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        round.start();
        hold.awaitHeld(); // the preload has read and now waits, in flight, on the store's own thread

        own.close(); // interrupts it

        round.join(TimeUnit.SECONDS.toMillis(10));
        assertThat(round.isAlive()).isFalse();
        assertThat(own.preloaderTerminated()).isTrue();
        assertThat(own.stats().preloadFailures()).isZero();
        assertThat(own.stats().preloads()).isZero();
    }

    @Test
    void withItsOwnThreadsTheLoadPoolWaitsForPlannedLoadsItself() {
        // Default executor and scheduler: planned loads and rounds wait in the load pool's own
        // queue, so each wakes the one thread that runs it, not a timer thread that hands it over.
        PreloadingCheckpointStore own = PreloadingCheckpointStore.wrap(backend, PreloaderConfig.builder()
                .expireAfterWrite(EXPIRE).interval(Duration.ofHours(1)).build());
        try {
            Preloader preloader = own.preloader();
            Future<?> planned = preloader.scheduler().schedule(preloader.executor(), () -> { }, 1, TimeUnit.HOURS);

            assertThat(preloader.executor()).isInstanceOf(ThreadPoolExecutor.class);
            assertThat(((ThreadPoolExecutor) preloader.executor()).getQueue())
                    .hasSize(2) // the next round and the task
                    .contains((Runnable) planned);
        } finally {
            own.close();
        }
        assertThat(own.preloaderTerminated()).isTrue();
    }

    @Test
    void preloadOnAnInjectedExecutorThatEndsAfterCloseIsNotCounted() throws Exception {
        memory.save(checkpoint(execution, "cp-1"));
        readUntilTheEntryExpires(store, () -> store.latest(execution));
        InstrumentedCheckpointStore.Hold hold = backend.holdNext(Operation.LOAD, Operation.LATEST);
        CompletableFuture<Integer> round = CompletableFuture.supplyAsync(() -> {
            try {
                return store.preloadNow(); // Runnable::run: the load runs on this thread
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        hold.awaitHeld();

        store.close(); // cannot interrupt a thread it does not own
        hold.release();

        assertThat(round.get(10, TimeUnit.SECONDS)).isEqualTo(1);
        assertThat(store.stats().preloadFailures()).isZero();
        assertThat(store.stats().preloads()).isZero();
    }

    @Test
    void backgroundRoundsRunOnTheirOwn() {
        InstrumentedCheckpointStore counted = InstrumentedCheckpointStore.wrap(MemoryCheckpointStore.create());
        // One-second rounds, entries that a round finds within its horizon of expiry (age 1 s or
        // more of 2 s) and that a reader keeps reading; the fake scheduler runs each round when
        // the ticker reaches it.
        PreloadingCheckpointStore background = PreloadingCheckpointStore.wrap(counted, PreloaderConfig.builder()
                .interval(Duration.ofSeconds(1)).expireAfterWrite(Duration.ofSeconds(2))
                .ticker(clock).scheduler(clock).executor(Runnable::run).build());
        try {
            for (int i = 0; i < 250; i++) { // 5 s, a read every 20 ms
                background.latest(execution);
                clock.advance(Duration.ofMillis(20));
            }
            assertThat(background.stats().preloads()).isGreaterThanOrEqualTo(2); // past two expiries
            assertThat(counted.calls(Operation.LATEST)).isEqualTo(1 + background.stats().preloads());
            assertThat(Math.round(background.stats().cacheHitRate() * 250)).isEqualTo(249); // one miss, the first
        } finally {
            background.close();
        }
        assertThat(background.preloaderTerminated()).isTrue();
        long preloads = background.stats().preloads();
        clock.advance(Duration.ofSeconds(10)); // rounds and planned reloads after close do nothing
        assertThat(background.stats().preloads()).isEqualTo(preloads);
    }

    @Test
    void readInTheLastPartOfAnEntrysLifePlansItsReloadSoAHotKeyNeverMissesAtExpiry() {
        InstrumentedCheckpointStore counted = InstrumentedCheckpointStore.wrap(MemoryCheckpointStore.create());
        counted.save(checkpoint(execution, "cp-1"));
        // 2 s entries, rounds a minute apart (none comes during the test): only reads in an
        // entry's last second can keep it.
        PreloadingCheckpointStore reading = PreloadingCheckpointStore.wrap(counted, PreloaderConfig.builder()
                .interval(Duration.ofSeconds(60)).expireAfterWrite(Duration.ofSeconds(2))
                .ticker(clock).scheduler(clock).executor(Runnable::run).build());
        try {
            for (int i = 0; i < 250; i++) { // 5 s, a read every 20 ms: the first is the only miss
                reading.latest(execution);
                clock.advance(Duration.ofMillis(20));
            }
            PreloaderStats stats = reading.stats();
            assertThat(stats.preloads()).isGreaterThanOrEqualTo(2); // past two expiries
            assertThat(Math.round(stats.cacheHitRate() * stats.accesses())).isEqualTo(stats.accesses() - 1);
        } finally {
            reading.close();
        }
    }

    @Test
    void aHotEntryRemovedBecauseTwoSavesOverlappedIsReloadedInTheBackground() throws Exception {
        InstrumentedCheckpointStore counted = InstrumentedCheckpointStore.wrap(MemoryCheckpointStore.create());
        counted.save(checkpoint(execution, "cp-1"));
        // Entries live 2 h and rounds are an hour away (fake time that the test does not move):
        // only the overlap can start a load. Each load runs on the thread of the save that ends.
        PreloadingCheckpointStore overlapping = PreloadingCheckpointStore.wrap(counted, PreloaderConfig.builder()
                .interval(Duration.ofHours(1)).expireAfterWrite(Duration.ofHours(2))
                .ticker(clock).scheduler(clock).executor(Runnable::run).build());
        try {
            overlapping.latest(execution);
            overlapping.latest(execution); // cached, and hot: score 2 above the threshold 0.5
            InstrumentedCheckpointStore.Hold hold = counted.holdNext(Operation.SAVE);
            Checkpoint second = checkpoint(execution, "cp-2");
            Thread slow = new Thread(() -> overlapping.save(second));
            slow.start();
            hold.awaitHeld(); // the slow save has written and not returned
            Checkpoint third = overlapping.save(checkpoint(execution, "cp-3")); // overlaps it
            hold.release();
            slow.join(TimeUnit.SECONDS.toMillis(10));
            assertThat(slow.isAlive()).isFalse();

            // Each of the two writes ends overlapped, and runs one load after its end.
            assertThat(overlapping.stats().preloads()).isEqualTo(2);
            int backendReads = counted.calls(Operation.LATEST);
            assertThat(overlapping.latest(execution)).contains(third);
            assertThat(counted.calls(Operation.LATEST)).isEqualTo(backendReads); // served by the reloaded entry
        } finally {
            overlapping.close();
        }
    }

    @Test
    void closeStopsThePreloaderAndClosesTheDelegate() {
        store.save(checkpoint(execution, "cp-1"));
        store.load("cp-1");
        store.close();
        store.close(); // idempotent

        assertThat(store.preloaderTerminated()).isTrue();
        assertThatThrownBy(() -> memory.load("cp-1")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> store.load("cp-1")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> store.latest(execution)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> store.save(checkpoint(execution, "cp-2"))).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void hostileIdsRoundTripThroughTheCache() {
        List<String> ids = List.of("it's", "say \"hi\"", "{tag}:1", "a/../../etc/passwd", "100%_*", "with space",
                "emoji \uD83D\uDE80", "'; DROP TABLE checkpoints; --", "EVAL \"return 1\" 0", "x".repeat(512));
        for (String id : ids) {
            Checkpoint saved = store.save(checkpoint(id, id));
            clock.advance(EXPIRE); // first read from the backend, second from the cache
            for (int i = 0; i < 2; i++) {
                assertThat(store.load(id)).contains(saved);
                assertThat(store.latest(id)).contains(saved);
            }
        }
        assertThat(store.stats().cacheHitRate()).isEqualTo(0.5);
    }

    @Test
    void badArgumentsFailBeforeAnyRead() {
        assertThatThrownBy(() -> store.load(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> store.load("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.latest("bad\nid")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.latest("y".repeat(513))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.save(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> store.delete("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.trim(execution, -1)).isInstanceOf(IllegalArgumentException.class);
        assertThat(backend.calls(Operation.LOAD, Operation.LATEST)).isZero();
        assertThat(store.stats().accesses()).isZero();
        assertThat(store.stats().cacheHitRate()).isZero();
        assertThat(store.stats().preloadHitRate()).isCloseTo(0.0, within(0.0));
    }

    @Test
    void wrapRejectsNulls() {
        assertThatThrownBy(() -> PreloadingCheckpointStore.wrap(null, PreloaderConfig.defaults()))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("store");
        assertThatThrownBy(() -> PreloadingCheckpointStore.wrap(memory, null))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("config");
    }
}
