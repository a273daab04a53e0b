package io.checkpointkit.testsupport;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import io.checkpointkit.Checkpoint;
import io.checkpointkit.CheckpointConflictException;
import io.checkpointkit.CheckpointException;
import io.checkpointkit.CheckpointStore;
import io.checkpointkit.spi.Arguments;
import io.checkpointkit.testsupport.Ledger.Entry;
import io.checkpointkit.testsupport.Ledger.Kind;
import io.checkpointkit.testsupport.WorkloadReport.Violation;
import io.checkpointkit.testsupport.WorkloadReport.ViolationKind;

/**
 * Several threads that save, update (compare-and-set), trim, delete and read against one store
 * while a test injects faults, then a check of what the store kept.
 *
 * <pre>{@code
 * FaultWorkload workload = FaultWorkload.builder(store).threads(6).build();
 * workload.start();
 * proxy.reset();                                            // the fault
 * Duration back = workload.awaitServing(Duration.ofSeconds(30));
 * workload.stop();
 * WorkloadReport report = workload.verify(Duration.ofSeconds(30));
 * report.assertNoViolations();
 * }</pre>
 *
 * <p>Executions are of three kinds, so that every invariant can be checked without knowing the
 * order in which racing calls took effect: "keep" executions are saved, updated by
 * compare-and-set (several threads update the same few ids with the same expected version) and
 * loaded; "trim" executions are saved (a quarter pinned) and trimmed to {@link Builder#keepLatest};
 * "delete" executions are saved and each id deleted once. Some saves reuse an acknowledged "keep"
 * id under another execution, which must be refused. The ids and execution ids start with a random
 * prefix, so the workload can share a live server with other tests.
 *
 * <p>Checked during the run: a compare-and-set returns the next version and no version is won
 * twice; a save of an id under a second execution never succeeds; a load of an acknowledged id
 * finds it, at least at the acknowledged version, with bytes that were written; a delete of an
 * acknowledged id finds it; every failure is a {@link CheckpointException}. Checked by
 * {@link #verify}: every acknowledged write is present (an acknowledged non-pinned checkpoint of
 * a trimmed execution may be absent only behind {@code keepLatest} newer ones), with the bytes of
 * its version; nothing stored was never written; no acknowledged delete is undone; no id is listed
 * under two executions. A write that failed may or may not have taken effect: both are accepted.
 */
public final class FaultWorkload {

    private final CheckpointStore store;
    private final int threads;
    private final int executionsPerKind;
    private final int keepLatest;
    private final int stateSize;
    private final String prefix = "fw-" + UUID.randomUUID().toString().substring(0, 8) + "-";
    private final Ledger ledger = new Ledger();
    private final AtomicLong nextId = new AtomicLong();
    private final LongAdder operations = new LongAdder();
    private final LongAdder acknowledgedWrites = new LongAdder();
    private final Map<String, LongAdder> failures = new ConcurrentHashMap<>();
    private final List<Violation> violations = java.util.Collections.synchronizedList(new ArrayList<>());
    private final List<Thread> workers = new ArrayList<>();
    private volatile boolean running;

    private FaultWorkload(Builder b) {
        this.store = b.store;
        this.threads = b.threads;
        this.executionsPerKind = b.executionsPerKind;
        this.keepLatest = b.keepLatest;
        this.stateSize = b.stateSize;
    }

    /**
     * @param store the store to run against; the workload never closes it
     * @return a builder with 6 threads, 3 executions per kind, keepLatest 3 and 256-byte states
     */
    public static Builder builder(CheckpointStore store) {
        return new Builder(store);
    }

    /**
     * Starts the worker threads.
     *
     * @throws IllegalStateException if already started
     */
    public synchronized void start() {
        if (!workers.isEmpty()) {
            throw new IllegalStateException("FaultWorkload already started");
        }
        running = true;
        for (int i = 0; i < threads; i++) {
            Thread worker = new Thread(this::work, "fault-workload-" + i);
            worker.setDaemon(true);
            workers.add(worker);
            worker.start();
        }
    }

    /**
     * Stops the workers and waits for their current operations (at most 60 seconds; a worker still
     * blocked then is interrupted and recorded as a violation).
     */
    public synchronized void stop() {
        running = false;
        for (Thread worker : workers) {
            try {
                worker.join(60_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (worker.isAlive()) {
                worker.interrupt();
                violation(ViolationKind.UNEXPECTED_EXCEPTION, worker.getName() + " still blocked in the store 60 s after stop()");
            }
        }
    }

    /** Operations run so far, failed ones included. */
    public long operations() {
        return operations.sum();
    }

    /** Writes acknowledged so far. */
    public long acknowledgedWrites() {
        return acknowledgedWrites.sum();
    }

    /**
     * Waits until the store serves again: a save of a new checkpoint followed by a load that finds
     * it, on this thread, retried every 20 ms.
     *
     * @param timeout how long to try
     * @return how long it took, from this call
     * @throws AssertionError if the store did not serve within {@code timeout}, with the last failure
     */
    public Duration awaitServing(Duration timeout) {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        RuntimeException last = null;
        while (System.nanoTime() - deadline < 0) {
            Checkpoint probe = Checkpoint.builder(prefix + "probe").id(prefix + "probe-" + nextId.incrementAndGet())
                    .state(new byte[] {1, 2, 3}).build();
            try {
                store.save(probe);
                if (store.load(probe.id()).isPresent()) {
                    return Duration.ofNanos(System.nanoTime() - start);
                }
            } catch (RuntimeException e) {
                last = e;
            }
            sleep(20);
        }
        AssertionError error = new AssertionError("the store did not serve again within " + timeout);
        if (last != null) {
            error.initCause(last);
        }
        throw error;
    }

    /**
     * Reads back every execution the workload wrote and checks the invariants; retried until the
     * reads succeed or {@code timeout} passes. Call after {@link #stop()}.
     *
     * @param timeout how long to keep retrying reads that fail
     * @return the report; {@link WorkloadReport#assertNoViolations()} fails a test
     * @throws AssertionError if the store could not be read within {@code timeout}
     */
    public WorkloadReport verify(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                return check();
            } catch (CheckpointException e) {
                if (System.nanoTime() - deadline > 0) {
                    throw new AssertionError("the store could not be read back within " + timeout, e);
                }
                sleep(50);
            }
        }
    }

    private WorkloadReport check() {
        List<Violation> found = new ArrayList<>(violations);
        Map<String, Checkpoint> stored = new HashMap<>();
        Map<String, List<Checkpoint>> byExecution = new HashMap<>();
        for (String executionId : allExecutionIds()) {
            List<Checkpoint> listed = store.list(executionId);
            byExecution.put(executionId, listed);
            for (Checkpoint c : listed) {
                Checkpoint other = stored.put(c.id(), c);
                if (other != null) {
                    found.add(new Violation(ViolationKind.TWO_EXECUTIONS,
                            c.id() + " listed under " + other.executionId() + " and " + c.executionId()));
                }
            }
        }
        for (Checkpoint c : stored.values()) {
            if (c.executionId().equals(prefix + "probe")) {
                continue;
            }
            Optional<Entry> entry = ledger.entry(c.id());
            if (entry.isEmpty()) {
                found.add(new Violation(ViolationKind.PHANTOM, c.id() + " is stored but was never saved"));
            } else if (!entry.get().first.executionId().equals(c.executionId())) {
                found.add(new Violation(ViolationKind.TWO_EXECUTIONS,
                        c.id() + " saved under " + entry.get().first.executionId() + " is stored under " + c.executionId()));
            } else if (!entry.get().wasAttempted(c.version(), c.state())) {
                found.add(new Violation(ViolationKind.PHANTOM, c.id() + " is stored at version " + c.version()
                        + " with bytes no save of that version sent"));
            }
        }
        int checked = 0;
        for (Entry entry : ledger.entries()) {
            checked++;
            Checkpoint now = stored.get(entry.id());
            if (entry.kind == Kind.DELETE && entry.deleted) {
                if (now != null) {
                    found.add(new Violation(ViolationKind.UNDELETED, entry.id() + " is stored after its delete returned true"));
                }
                continue;
            }
            if (!entry.acknowledged() || (entry.kind == Kind.DELETE && entry.deleteAttempted.get())) {
                continue;
            }
            if (now == null) {
                if (entry.kind != Kind.TRIM || entry.first.pinned() || newerUnpinned(byExecution, entry.first) < keepLatest) {
                    found.add(new Violation(ViolationKind.LOST_WRITE, entry.id() + " (acknowledged at version "
                            + entry.acknowledgedVersion.get() + ") is missing"));
                }
            } else {
                checkAcknowledged(entry, now, found);
            }
        }
        Map<String, Long> failureCounts = new HashMap<>();
        failures.forEach((type, n) -> failureCounts.put(type, n.sum()));
        return new WorkloadReport(operations.sum(), acknowledgedWrites.sum(), failureCounts, found, checked);
    }

    private void checkAcknowledged(Entry entry, Checkpoint now, List<Violation> found) {
        long acknowledged = entry.acknowledgedVersion.get();
        if (now.version() < acknowledged) {
            found.add(new Violation(ViolationKind.LOST_WRITE, entry.id() + " is at version " + now.version()
                    + " after version " + acknowledged + " was acknowledged"));
        } else if (now.version() == acknowledged && !Arrays.equals(now.state(), entry.acknowledgedStates.get(acknowledged))) {
            found.add(new Violation(ViolationKind.LOST_WRITE, entry.id() + " at version " + acknowledged
                    + " holds other bytes than the acknowledged write"));
        }
    }

    private long newerUnpinned(Map<String, List<Checkpoint>> byExecution, Checkpoint checkpoint) {
        return byExecution.getOrDefault(checkpoint.executionId(), List.of()).stream()
                .filter(c -> !c.pinned() && Checkpoint.ORDER.compare(c, checkpoint) > 0)
                .count();
    }

    private List<String> allExecutionIds() {
        List<String> ids = new ArrayList<>();
        for (Kind kind : Kind.values()) {
            for (int i = 0; i < executionsPerKind; i++) {
                ids.add(executionId(kind, i));
            }
        }
        ids.add(foreignExecutionId());
        return ids;
    }

    private String executionId(Kind kind, int index) {
        return prefix + kind.name().toLowerCase(java.util.Locale.ROOT) + "-" + index;
    }

    private String foreignExecutionId() {
        return prefix + "foreign";
    }

    private void work() {
        Random random = ThreadLocalRandom.current();
        while (running) {
            int dice = random.nextInt(100);
            operations.increment();
            try {
                if (dice < 30) {
                    saveNew(random);
                } else if (dice < 55) {
                    ledger.pick(Kind.KEEP, 8, random).ifPresent(entry -> update(entry, random));
                } else if (dice < 65) {
                    ledger.pick(Kind.DELETE, 64, random).ifPresent(this::delete);
                } else if (dice < 73) {
                    store.trim(executionId(Kind.TRIM, random.nextInt(executionsPerKind)), keepLatest);
                } else if (dice < 95) {
                    ledger.pick(Kind.KEEP, 64, random).ifPresent(this::load);
                } else {
                    ledger.pick(Kind.KEEP, 64, random).ifPresent(entry -> saveUnderForeignExecution(entry, random));
                }
            } catch (CheckpointException e) {
                failures.computeIfAbsent(e.getClass().getSimpleName(), k -> new LongAdder()).increment();
            } catch (RuntimeException e) {
                failures.computeIfAbsent(e.getClass().getSimpleName(), k -> new LongAdder()).increment();
                violation(ViolationKind.UNEXPECTED_EXCEPTION, Thread.currentThread().getName() + ": " + e);
            }
        }
    }

    private void saveNew(Random random) {
        Kind kind = Kind.values()[random.nextInt(Kind.values().length)];
        byte[] state = state(random);
        Checkpoint checkpoint = Checkpoint.builder(executionId(kind, random.nextInt(executionsPerKind)))
                .id(prefix + "cp-" + nextId.incrementAndGet())
                .nodeName("node")
                .pinned(kind == Kind.TRIM && random.nextInt(4) == 0)
                .state(state)
                .build();
        Entry entry = ledger.register(checkpoint, kind);
        entry.attempt(1, state);
        Checkpoint saved = store.save(checkpoint);
        acknowledgedWrites.increment();
        if (saved.version() != 1) {
            violation(ViolationKind.PHANTOM, checkpoint.id() + " first saved as version " + saved.version());
        }
        entry.acknowledge(1, state);
        ledger.acknowledgedFirstSave(entry);
    }

    private void update(Entry entry, Random random) {
        long expected = entry.acknowledgedVersion.get();
        byte[] state = state(random);
        entry.attempt(expected + 1, state);
        Checkpoint saved = store.save(entry.first.toBuilder().state(state).version(expected).build());
        acknowledgedWrites.increment();
        if (saved.version() != expected + 1) {
            violation(ViolationKind.PHANTOM, entry.id() + " updated from version " + expected + " returned version " + saved.version());
        }
        if (entry.acknowledge(expected + 1, state) > 1) {
            violation(ViolationKind.TWO_WINNERS, entry.id() + ": two compare-and-set calls won version " + (expected + 1));
        }
    }

    private void delete(Entry entry) {
        if (!entry.deleteAttempted.compareAndSet(false, true)) {
            return;
        }
        boolean removed = store.delete(entry.id());
        acknowledgedWrites.increment();
        if (removed) {
            entry.deleted = true;
        } else {
            violation(ViolationKind.LOST_WRITE, entry.id() + " (acknowledged) was not found by its delete");
        }
    }

    private void load(Entry entry) {
        long acknowledged = entry.acknowledgedVersion.get();
        Optional<Checkpoint> loaded = store.load(entry.id());
        if (loaded.isEmpty()) {
            violation(ViolationKind.LOST_WRITE, entry.id() + " (acknowledged at version " + acknowledged + ") not found by load");
        } else if (loaded.get().version() < acknowledged) {
            violation(ViolationKind.LOST_WRITE, entry.id() + " loaded at version " + loaded.get().version()
                    + " after version " + acknowledged + " was acknowledged");
        } else if (!entry.wasAttempted(loaded.get().version(), loaded.get().state())) {
            violation(ViolationKind.PHANTOM, entry.id() + " loaded at version " + loaded.get().version()
                    + " with bytes no save of that version sent");
        }
    }

    private void saveUnderForeignExecution(Entry entry, Random random) {
        Checkpoint foreign = Checkpoint.builder(foreignExecutionId()).id(entry.id()).state(state(random)).build();
        try {
            store.save(foreign);
        } catch (CheckpointConflictException expected) {
            return;
        }
        violation(ViolationKind.TWO_EXECUTIONS, entry.id() + " of " + entry.first.executionId()
                + " was saved under " + foreign.executionId());
    }

    private byte[] state(Random random) {
        byte[] state = new byte[stateSize];
        random.nextBytes(state);
        return state;
    }

    private void violation(ViolationKind kind, String detail) {
        violations.add(new Violation(kind, detail));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** Builds a {@link FaultWorkload}. */
    public static final class Builder {

        private final CheckpointStore store;
        private int threads = 6;
        private int executionsPerKind = 3;
        private int keepLatest = 3;
        private int stateSize = 256;

        private Builder(CheckpointStore store) {
            this.store = Objects.requireNonNull(store, "store must not be null");
        }

        /**
         * How many worker threads write, 1 or more; default 6.
         *
         * @param threads worker threads, 1 or more; default 6
         * @return this builder
         * @throws IllegalArgumentException if less than 1
         */
        public Builder threads(int threads) {
            this.threads = Arguments.requireAtLeast(threads, 1, "threads");
            return this;
        }

        /**
         * How many executions of each kind (keep, trim, delete) are written, 1 or more; default 3.
         *
         * @param executionsPerKind executions of each kind (keep, trim, delete), 1 or more; default 3
         * @return this builder
         * @throws IllegalArgumentException if less than 1
         */
        public Builder executionsPerKind(int executionsPerKind) {
            this.executionsPerKind = Arguments.requireAtLeast(executionsPerKind, 1, "executionsPerKind");
            return this;
        }

        /**
         * How many checkpoints the trims keep, 1 or more; default 3.
         *
         * @param keepLatest what trims keep, 1 or more; default 3
         * @return this builder
         * @throws IllegalArgumentException if less than 1
         */
        public Builder keepLatest(int keepLatest) {
            this.keepLatest = Arguments.requireAtLeast(keepLatest, 1, "keepLatest");
            return this;
        }

        /**
         * How many bytes of state each write carries, 0 or more; default 256.
         *
         * @param stateSize bytes of state per write, 0 or more; default 256
         * @return this builder
         * @throws IllegalArgumentException if negative
         */
        public Builder stateSize(int stateSize) {
            this.stateSize = Arguments.requireNotNegative(stateSize, "stateSize");
            return this;
        }

        /** @return the workload, not started */
        public FaultWorkload build() {
            return new FaultWorkload(this);
        }
    }
}
