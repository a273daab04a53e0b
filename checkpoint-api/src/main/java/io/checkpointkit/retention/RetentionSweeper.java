package io.checkpointkit.retention;

import io.checkpointkit.CheckpointStore;
import io.checkpointkit.spi.Arguments;
import io.checkpointkit.spi.Durations;
import io.checkpointkit.ExecutionInfo;
import io.checkpointkit.ExecutionPage;
import io.checkpointkit.UnreadableExecution;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Applies a {@link RetentionPolicy} to every execution of a store, on demand
 * ({@link #sweepOnce()}) or on a schedule ({@link #start}).
 *
 * <p>A sweep walks {@link CheckpointStore#executions(String, int)} page by page, by
 * {@link #executions(CheckpointStore, int)} (the same walk is open to any caller). For each
 * execution: if the policy clears idle executions and the execution was not written (saved,
 * updated, deleted from) for longer than the maximum age — judged by
 * {@link ExecutionInfo#lastWriteTime()}, not by its checkpoints' timestamps, and measured from
 * the sweep's start by the sweeper's clock — it is cleared with
 * {@link CheckpointStore#clearIfIdleSince}, which the store checks again atomically, so a run
 * that resumed after the page was read, or after the sweeper decided, loses nothing; otherwise,
 * if the policy keeps the latest N and the execution holds more than N checkpoints, it is trimmed
 * to N. A failure on one execution is counted and logged, and the sweep goes on with the next;
 * an execution the store could not read ({@link ExecutionPage#unreadable()}) is counted, listed
 * in the summary and skipped; a failure to list a page ends the sweep (there is no cursor to go
 * on from), with {@link SweepSummary#complete()} false.
 *
 * <p>Write times are taken by the writing store's clock, so the sweeper's clock must be in step
 * with the writers' clocks (the defaults, the system UTC clock, are). A {@link SweepListener}
 * hears the outcome of each execution; a {@linkplain Builder#dryRun dry run} reports what would
 * be removed and removes nothing.
 *
 * <p>The sweeper does not own the store: {@link #close()} stops the schedule and makes a running
 * sweep stop after its current execution, but leaves the store open.
 *
 * <pre>{@code
 * SweepSummary s = RetentionSweeper.of(store, RetentionPolicy.keepLatest(10)
 *         .clearIdleAfter(Duration.ofDays(7))).sweepOnce();
 * }</pre>
 */
public final class RetentionSweeper implements AutoCloseable {

    /** Default {@link Builder#pageSize}: 500 executions per {@code executions()} call. */
    public static final int DEFAULT_PAGE_SIZE = 500;
    /** How long {@link #close()} waits for a running sweep to stop: 30 seconds. */
    public static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);
    /** The longest {@code initialDelay} and {@code interval} of {@link #start} accepted: 365 days. */
    public static final Duration MAX_INTERVAL = Duration.ofDays(365);

    private static final Logger LOG = LoggerFactory.getLogger(RetentionSweeper.class);
    private static final AtomicInteger THREAD_NUMBER = new AtomicInteger();

    private final CheckpointStore store;
    private final RetentionPolicy policy;
    private final int pageSize;
    private final Clock clock;
    private final Consumer<SweepSummary> onSweep;
    private final SweepListener listener;
    private final boolean dryRun;
    private final Object lifecycle = new Object();
    private ScheduledExecutorService scheduler;
    private volatile boolean closed;
    private volatile SweepSummary lastSummary;

    private RetentionSweeper(Builder b) {
        this.store = b.store;
        this.policy = b.policy;
        this.pageSize = b.pageSize;
        this.clock = b.clock;
        this.onSweep = b.onSweep;
        this.listener = b.listener;
        this.dryRun = b.dryRun;
    }

    /**
     * A sweeper with the default page size and the system clock.
     *
     * @param store the store to sweep
     * @param policy what to keep
     * @return the sweeper, not started
     * @throws NullPointerException if an argument is null
     */
    public static RetentionSweeper of(CheckpointStore store, RetentionPolicy policy) {
        return builder(store, policy).build();
    }

    /**
     * A builder for a sweeper with other settings.
     *
     * @param store the store to sweep
     * @param policy what to keep
     * @return the builder
     * @throws NullPointerException if an argument is null
     */
    public static Builder builder(CheckpointStore store, RetentionPolicy policy) {
        return new Builder(store, policy);
    }

    /**
     * Every execution of a store, page by page from the start: the walk that sweeps use, for
     * anyone who wants to go over all executions (reports, exports, migrations) the same way.
     * Same as {@link #executions(CheckpointStore, String, int) executions(store, null, pageSize)}.
     *
     * @param store the store to walk; the walk does not close it
     * @param pageSize executions asked for per {@code executions()} call, 1 or more
     * @return the pages; each {@code iterator()} starts a new walk
     * @throws NullPointerException if {@code store} is null
     * @throws IllegalArgumentException if {@code pageSize} is less than 1
     */
    public static Iterable<ExecutionPage> executions(CheckpointStore store, int pageSize) {
        return executions(store, null, pageSize);
    }

    /**
     * Every execution of a store after a given execution id, page by page: keyset pages of
     * {@link CheckpointStore#executions(String, int)}, each asked for when the iterator's
     * {@code next()} is called, from the cursor the previous page gave
     * ({@link ExecutionPage#nextAfter()}). The walk ends after a page with no cursor; it yields
     * every page the store returns, so the first page of an empty store is empty, and so may be
     * the last page after a full one. Executions the store could not read are in each page's
     * {@link ExecutionPage#unreadable()}.
     *
     * <p>Keyset pages do not shift: clearing or trimming executions during the walk is safe.
     * Every execution that exists for the whole walk is seen exactly once; one added during the
     * walk is seen if its id comes after the page being read, and not otherwise. No page is held
     * beyond the one returned.
     *
     * <p>When a call to the store throws, {@code next()} throws the same exception and the walk
     * stays where it was: calling {@code next()} again asks for the same page.
     *
     * @param store the store to walk; the walk does not close it
     * @param afterExecutionId start strictly after this execution id; null for the start
     * @param pageSize executions asked for per {@code executions()} call, 1 or more
     * @return the pages; each {@code iterator()} starts a new walk from {@code afterExecutionId}
     * @throws NullPointerException if {@code store} is null
     * @throws IllegalArgumentException if {@code pageSize} is less than 1
     */
    public static Iterable<ExecutionPage> executions(CheckpointStore store, String afterExecutionId, int pageSize) {
        Objects.requireNonNull(store, "store must not be null");
        Arguments.requireAtLeast(pageSize, 1, "pageSize");
        return new ExecutionPages(store, afterExecutionId, pageSize);
    }

    /** The policy this sweeper applies. */
    public RetentionPolicy policy() {
        return policy;
    }

    /**
     * Sweeps every execution once, on the calling thread.
     *
     * @return what the sweep did
     * @throws IllegalStateException if the sweeper is closed
     * @throws UnsupportedOperationException if the store cannot list its executions, or the
     *     policy clears idle executions and the store cannot {@linkplain
     *     CheckpointStore#clearIfIdleSince clear them conditionally}
     */
    public SweepSummary sweepOnce() {
        if (closed) {
            throw new IllegalStateException("RetentionSweeper is closed");
        }
        Instant idleCutoff = policy.maxIdle().map(clock.instant()::minus).orElse(null);
        OptionalInt keepLatest = policy.keepLatestCount();
        long scanned = 0;
        long trimmed = 0;
        long cleared = 0;
        long removed = 0;
        long failures = 0;
        long unreadableCount = 0;
        List<UnreadableExecution> unreadable = new ArrayList<>();
        boolean complete = true;
        String after = null;
        Iterator<ExecutionPage> pages = executions(store, pageSize).iterator();
        sweep:
        while (pages.hasNext()) {
            ExecutionPage page;
            try {
                page = pages.next();
            } catch (UnsupportedOperationException e) {
                throw e;
            } catch (RuntimeException e) {
                failures++;
                complete = false;
                LOG.warn("Retention sweep stopped: listing executions after {} failed", after, e);
                String failedAfter = after;
                tell(l -> l.listingFailed(failedAfter, e));
                break;
            }
            for (UnreadableExecution execution : page.unreadable()) {
                unreadableCount++;
                if (unreadable.size() < SweepSummary.MAX_UNREADABLE_LISTED) {
                    unreadable.add(execution);
                }
                if (unreadableCount == 1) {
                    LOG.warn("Retention sweep skips execution {}, which cannot be read: {}",
                            execution.executionId(), execution.reason());
                }
                tell(l -> l.unreadable(execution));
            }
            for (ExecutionInfo execution : page.items()) {
                if (closed) {
                    complete = false;
                    break sweep;
                }
                scanned++;
                try {
                    long clearedNow = idleCutoff != null && execution.lastWriteTime().isBefore(idleCutoff)
                            ? clearIfIdle(execution, idleCutoff) : 0;
                    if (clearedNow > 0) {
                        removed += clearedNow;
                        cleared++;
                        tell(l -> l.cleared(execution, clearedNow));
                    } else if (keepLatest.isPresent() && execution.checkpointCount() > keepLatest.getAsInt()) {
                        long n = trim(execution.executionId(), keepLatest.getAsInt());
                        removed += n;
                        if (n > 0) {
                            trimmed++;
                            tell(l -> l.trimmed(execution, n));
                        }
                    }
                } catch (UnsupportedOperationException e) {
                    throw e;
                } catch (RuntimeException e) {
                    failures++;
                    if (failures == 1) {
                        LOG.warn("Retention sweep failed on execution {}; the sweep goes on", execution.executionId(), e);
                    } else {
                        LOG.debug("Retention sweep failed on execution {}", execution.executionId(), e);
                    }
                    tell(l -> l.failed(execution, e));
                }
                tell(l -> l.visited(execution));
            }
            after = page.nextAfter().orElse(null);
        }
        SweepSummary summary = new SweepSummary(scanned, trimmed, cleared, removed, failures, complete,
                unreadableCount, unreadable);
        lastSummary = summary;
        LOG.debug("Retention sweep: {}", summary);
        return summary;
    }

    /**
     * Sweeps every {@code interval} on a daemon thread of the sweeper's own, the first time after
     * one interval.
     *
     * @param interval the delay between the end of one sweep and the start of the next, positive
     *     and at most {@link #MAX_INTERVAL} (365 days)
     * @throws NullPointerException if {@code interval} is null
     * @throws IllegalArgumentException if not positive or longer than 365 days
     * @throws IllegalStateException if already started or closed
     */
    public void start(Duration interval) {
        start(interval, interval);
    }

    /**
     * Sweeps on a daemon thread of the sweeper's own: first after {@code initialDelay}, then
     * {@code interval} after the end of each sweep. A sweep that fails is logged and the
     * schedule goes on.
     *
     * @param initialDelay the delay before the first sweep, from 0 to {@link #MAX_INTERVAL} (365 days)
     * @param interval the delay between the end of one sweep and the start of the next, positive
     *     and at most {@link #MAX_INTERVAL}
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code initialDelay} is negative, {@code interval}
     *     not positive, or either longer than 365 days
     * @throws IllegalStateException if already started or closed
     */
    public void start(Duration initialDelay, Duration interval) {
        Durations.requireBetween(initialDelay, Duration.ZERO, MAX_INTERVAL, "initialDelay");
        Durations.requirePositive(interval, MAX_INTERVAL, "interval");
        synchronized (lifecycle) {
            if (closed) {
                throw new IllegalStateException("RetentionSweeper is closed");
            }
            if (scheduler != null) {
                throw new IllegalStateException("RetentionSweeper is already started");
            }
            scheduler = Executors.newSingleThreadScheduledExecutor(task -> {
                Thread thread = new Thread(task, "checkpoint-retention-sweep-" + THREAD_NUMBER.incrementAndGet());
                thread.setDaemon(true);
                return thread;
            });
            scheduler.scheduleWithFixedDelay(this::scheduledSweep,
                    initialDelay.toNanos(), interval.toNanos(), TimeUnit.NANOSECONDS);
        }
    }

    /** The summary of the latest sweep that finished, scheduled or on demand. */
    public Optional<SweepSummary> lastSummary() {
        return Optional.ofNullable(lastSummary);
    }

    /**
     * Stops the schedule, and a running sweep after its current execution, waiting at most
     * {@link #CLOSE_TIMEOUT} for it. Leaves the store open. Idempotent; afterwards
     * {@link #sweepOnce()} and {@link #start} throw {@link IllegalStateException}.
     */
    @Override
    public void close() {
        ScheduledExecutorService running;
        synchronized (lifecycle) {
            closed = true;
            running = scheduler;
        }
        if (running == null) {
            return;
        }
        running.shutdown();
        try {
            if (!running.awaitTermination(CLOSE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                running.shutdownNow();
            }
        } catch (InterruptedException e) {
            running.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "RetentionSweeper{" + policy + ", store=" + store + '}';
    }

    /**
     * Clears an execution the page called idle. The store checks idleness again and clears in
     * one atomic step, so a write after the page was read, or after this decision, keeps the
     * execution. A dry run cannot ask the store that question without clearing, so it trusts the
     * page.
     */
    private long clearIfIdle(ExecutionInfo execution, Instant idleCutoff) {
        return dryRun ? execution.checkpointCount() : store.clearIfIdleSince(execution.executionId(), idleCutoff);
    }

    /** Trims an execution; a dry run counts what a trim would remove. */
    private long trim(String executionId, int keepLatest) {
        if (!dryRun) {
            return store.trim(executionId, keepLatest);
        }
        long unpinned = store.list(executionId).stream().filter(c -> !c.pinned()).count();
        return Math.max(0, unpinned - keepLatest);
    }

    private void tell(Consumer<SweepListener> event) {
        try {
            event.accept(listener);
        } catch (RuntimeException e) {
            LOG.warn("A retention sweep listener threw; the sweep goes on", e);
        }
    }

    private void scheduledSweep() {
        if (closed) {
            return;
        }
        try {
            SweepSummary summary = sweepOnce();
            onSweep.accept(summary);
        } catch (RuntimeException e) {
            // Escaping would cancel the schedule; the next sweep may work.
            LOG.warn("Scheduled retention sweep failed", e);
        }
    }

    /** Builds a {@link RetentionSweeper}. */
    public static final class Builder {

        private final CheckpointStore store;
        private final RetentionPolicy policy;
        private int pageSize = DEFAULT_PAGE_SIZE;
        private Clock clock = Clock.systemUTC();
        private Consumer<SweepSummary> onSweep = summary -> { };
        private SweepListener listener = SweepListener.NONE;
        private boolean dryRun;

        private Builder(CheckpointStore store, RetentionPolicy policy) {
            this.store = Objects.requireNonNull(store, "store must not be null");
            this.policy = Objects.requireNonNull(policy, "policy must not be null");
        }

        /**
         * How many executions a sweep asks for per {@code executions()} call, 1 or more; default
         * {@value RetentionSweeper#DEFAULT_PAGE_SIZE}.
         *
         * @param pageSize executions asked for per {@code executions()} call, 1 or more
         * @return this builder
         * @throws IllegalArgumentException if less than 1
         */
        public Builder pageSize(int pageSize) {
            this.pageSize = Arguments.requireAtLeast(pageSize, 1, "pageSize");
            return this;
        }

        /**
         * The clock that says how old an execution is; default the system UTC clock.
         *
         * @param clock the clock that says how old an execution is; default {@link Clock#systemUTC()}
         * @return this builder
         * @throws NullPointerException if {@code clock} is null
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock must not be null");
            return this;
        }

        /**
         * What to tell the summary of each scheduled sweep; default nothing.
         *
         * @param onSweep told the summary of each scheduled sweep, on the sweeper's thread
         * @return this builder
         * @throws NullPointerException if {@code onSweep} is null
         */
        public Builder onSweep(Consumer<SweepSummary> onSweep) {
            this.onSweep = Objects.requireNonNull(onSweep, "onSweep must not be null");
            return this;
        }

        /**
         * Who hears what the sweep does to each execution; default {@link SweepListener#NONE}.
         *
         * @param listener told what the sweep does to each execution, on the sweeping thread;
         *     default {@link SweepListener#NONE}
         * @return this builder
         * @throws NullPointerException if {@code listener} is null
         */
        public Builder listener(SweepListener listener) {
            this.listener = Objects.requireNonNull(listener, "listener must not be null");
            return this;
        }

        /**
         * Whether the sweeper only reports what it would remove; default false.
         *
         * @param dryRun when true the sweeper removes nothing and reports what it would remove:
         *     idle executions as the page lists them (their whole count), trims as the unpinned
         *     checkpoints beyond the kept ones; default false
         * @return this builder
         */
        public Builder dryRun(boolean dryRun) {
            this.dryRun = dryRun;
            return this;
        }

        /** @return the sweeper, not started */
        public RetentionSweeper build() {
            return new RetentionSweeper(this);
        }
    }
}
