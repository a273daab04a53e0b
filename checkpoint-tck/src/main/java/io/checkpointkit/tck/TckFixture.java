package io.checkpointkit.tck;

import io.checkpointkit.Checkpoint;
import io.checkpointkit.CheckpointStore;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Assumptions;

/**
 * What one TCK test works with: the store under test and names no other test (and no other run
 * of the kit against the same shared database) uses.
 *
 * <p>Every execution id and checkpoint id starts with a random prefix, so tests isolate
 * themselves in a database that is never cleaned and that others write to at the same time.
 * Executions a test used are cleared (best effort) before the store is closed, so repeated runs
 * do not pile data up in shared databases.
 */
final class TckFixture {

    static final String NO_REOPEN = "durability is optional: to test it, override"
            + " CheckpointStoreTck.reopen(store) (or pass a reopen function to Tck.run) so that it"
            + " opens a new store on the same location";

    /** A fixed, ordinary instant that the tests' timestamps count from. */
    static final Instant BASE_TIME = Instant.parse("2024-05-01T12:00:00Z");

    private final Supplier<CheckpointStore> storeFactory;
    private final UnaryOperator<CheckpointStore> reopener;
    private final boolean reopenSupported;
    private final String prefix = "tck-" + UUID.randomUUID().toString().substring(0, 13) + "-";
    private final Set<String> usedExecutions = new LinkedHashSet<>();
    private CheckpointStore store;
    private int executionCounter;

    TckFixture(Supplier<CheckpointStore> storeFactory, UnaryOperator<CheckpointStore> reopener,
            boolean reopenSupported) {
        this.storeFactory = storeFactory;
        this.reopener = reopener;
        this.reopenSupported = reopenSupported;
    }

    void open() {
        store = Objects.requireNonNull(storeFactory.get(), "newStore() returned null");
    }

    /**
     * Clears the executions this test used, then closes the store. A store the test closed
     * itself is replaced by a fresh one for the cleanup. Cleanup failures are ignored: it is a
     * courtesy to shared databases; the tests judge the store.
     */
    void close() {
        if (store == null) {
            return;
        }
        CheckpointStore closing = store;
        store = null;
        try {
            clearUsedExecutions(closing);
        } finally {
            closing.close();
        }
    }

    private void clearUsedExecutions(CheckpointStore target) {
        List<String> used;
        synchronized (usedExecutions) {
            used = new ArrayList<>(usedExecutions);
        }
        if (used.isEmpty()) {
            return;
        }
        try {
            clearAll(target, used);
        } catch (IllegalStateException closedByTheTest) {
            try (CheckpointStore fresh = storeFactory.get()) {
                clearAll(fresh, used);
            } catch (RuntimeException ignored) {
                // See above: cleanup never fails a test.
            }
        } catch (RuntimeException ignored) {
            // See above: cleanup never fails a test.
        }
    }

    private static void clearAll(CheckpointStore target, List<String> executionIds) {
        for (String executionId : executionIds) {
            target.clear(executionId);
        }
    }

    CheckpointStore store() {
        return store;
    }

    /** The random prefix of every id of this test. */
    String prefix() {
        return prefix;
    }

    /** A new execution id of this test: the prefix, "e" and a counter. */
    String newExecution() {
        int n;
        synchronized (usedExecutions) {
            n = executionCounter++;
        }
        return execution(String.format("e%03d", n));
    }

    /** The execution id {@code prefix + suffix}, remembered for cleanup. */
    String execution(String suffix) {
        return remember(prefix + suffix);
    }

    /** Remembers an execution id that does not start with the prefix, for cleanup. */
    String remember(String executionId) {
        synchronized (usedExecutions) {
            usedExecutions.add(executionId);
        }
        return executionId;
    }

    /** The checkpoint id {@code prefix + name}, unique to this test. */
    String id(String name) {
        return prefix + name;
    }

    /** {@link #BASE_TIME} plus the given seconds. */
    static Instant at(long seconds) {
        return BASE_TIME.plusSeconds(seconds);
    }

    /** A checkpoint of {@code executionId} with id {@code id(name)}, taken at {@link #BASE_TIME}. */
    Checkpoint.Builder checkpoint(String executionId, String name) {
        return Checkpoint.builder(executionId).id(id(name)).timestamp(BASE_TIME);
    }

    /** True when the test class says it can reopen its store (it overrides {@code reopen}). */
    boolean canReopen() {
        return reopenSupported;
    }

    /** Skips the running test, through a JUnit assumption, when the store cannot be reopened. */
    void assumeReopenSupported() {
        Assumptions.assumeTrue(reopenSupported, NO_REOPEN);
    }

    /**
     * Closes the store and opens a new one on the same location through {@code reopen}; the new
     * store replaces the old one for the rest of the test.
     */
    CheckpointStore reopen() {
        CheckpointStore old = store;
        old.close();
        CheckpointStore reopened = reopener.apply(old);
        Assumptions.assumeTrue(reopened != null, NO_REOPEN);
        store = reopened;
        return reopened;
    }
}
