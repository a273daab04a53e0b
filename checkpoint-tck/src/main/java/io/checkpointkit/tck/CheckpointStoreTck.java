package io.checkpointkit.tck;

import io.checkpointkit.CheckpointStore;

import java.lang.reflect.Method;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.TestInstance;

/**
 * The compatibility test kit: the whole {@link CheckpointStore} contract as JUnit Jupiter tests.
 * A backend's test extends this class and says how to make a store; the {@link Nested} groups
 * check every rule against it.
 *
 * <pre>{@code
 * class MyCheckpointStoreTckTest extends CheckpointStoreTck {
 *     @Override protected CheckpointStore newStore() { return MyCheckpointStore.open(...); }
 * }
 * }</pre>
 *
 * <p>How the kit treats the store:
 * <ul>
 *   <li>Every test gets a fresh store from {@link #newStore()} and closes it afterwards; stores
 *       may share their data (one database), because every test names its executions and
 *       checkpoints under a random prefix and never touches anything else. Executions a test used
 *       are cleared before the store is closed, so repeated runs do not fill a shared database.
 *   <li>Durability is tested only when {@link #reopen(CheckpointStore)} is overridden; otherwise
 *       those tests are reported as skipped (a JUnit assumption), as are the tests of
 *       {@code executions} and {@code clearIfIdleSince} when the store throws
 *       {@link UnsupportedOperationException} there, and
 *       the tests of optional {@linkplain io.checkpointkit.Capability capabilities} the store
 *       does not declare.
 *   <li>Only the JUnit Jupiter 5.0 API is used, so the kit runs on any JUnit 5.x.
 * </ul>
 *
 * <p>To run the kit without JUnit in the caller, see {@link Tck#run}.
 */
@TestInstance(TestInstance.Lifecycle.PER_METHOD)
public abstract class CheckpointStoreTck {

    private final TckFixture fixture = new TckFixture(this::newStore, this::reopen, reopenSupported());

    /** For subclasses. */
    protected CheckpointStoreTck() {
    }

    /**
     * Makes the store one test runs against. Called once before every test; the kit closes the
     * store after the test. Stores returned by different calls may share their data (one
     * database), but each call returns a new store object.
     *
     * <p>The kit closes the store in its own {@code @AfterEach}, which JUnit runs after the
     * subclass's {@code @AfterEach} methods: delete files in {@code @AfterAll}, or let a
     * {@code @TempDir} field do it.
     *
     * @return a new, open store; never null
     */
    protected abstract CheckpointStore newStore();

    /**
     * Opens a new store on the same location (file, database, server) as {@code store}, to prove
     * that data survives closing and opening again. The kit has already closed {@code store}
     * when it calls this method, and closes the returned store after the test.
     *
     * <p>The default returns null: the store cannot be reopened, and the durability tests are
     * skipped. Override it for a store that keeps its data outside the process.
     *
     * @param store the closed store whose location the new store opens
     * @return a new store on the same location, or null when not supported
     */
    protected CheckpointStore reopen(CheckpointStore store) {
        return null;
    }

    /**
     * Whether {@link #reopen} is supported: by default, whether a subclass overrides it. A
     * subclass in this package may decide otherwise.
     */
    boolean reopenSupported() {
        for (Class<?> c = getClass(); c != CheckpointStoreTck.class; c = c.getSuperclass()) {
            for (Method m : c.getDeclaredMethods()) {
                if (m.getName().equals("reopen") && m.getParameterCount() == 1
                        && m.getParameterTypes()[0] == CheckpointStore.class) {
                    return true;
                }
            }
        }
        return false;
    }

    @BeforeEach
    final void openStore() {
        fixture.open();
    }

    @AfterEach
    final void closeStore() {
        fixture.close();
    }

    /** Saved checkpoints load back exactly: every field, any bytes, any legal id. */
    @Nested
    class RoundTrip extends RoundTripRules {
        RoundTrip() {
            super(fixture);
        }
    }

    /** Blind writes, compare-and-set, and ids that belong to one execution. */
    @Nested
    class Versions extends VersionsRules {
        Versions() {
            super(fixture);
        }
    }

    /** Checkpoints are ordered by timestamp, ties broken by id in code point order. */
    @Nested
    class Ordering extends OrderingRules {
        Ordering() {
            super(fixture);
        }
    }

    /** The latest checkpoint is the last in order and follows every change. */
    @Nested
    class Latest extends LatestRules {
        Latest() {
            super(fixture);
        }
    }

    /** Every combination of limit, order, cursors and metadata filter. */
    @Nested
    class Queries extends QueriesRules {
        Queries() {
            super(fixture);
        }
    }

    /** Delete and clear remove exactly what they name and count it. */
    @Nested
    class DeleteAndClear extends DeleteAndClearRules {
        DeleteAndClear() {
            super(fixture);
        }
    }

    /** Trim keeps the newest unpinned checkpoints and every pinned one. */
    @Nested
    class Trim extends TrimRules {
        Trim() {
            super(fixture);
        }
    }

    /** Keyset pages of executions with counts and last timestamps. */
    @Nested
    class Executions extends ExecutionsRules {
        Executions() {
            super(fixture);
        }
    }

    /** Idle executions are cleared by write time, atomically; executions report write times. */
    @Nested
    class IdleClear extends IdleClearRules {
        IdleClear() {
            super(fixture);
        }
    }

    /** Bad arguments fail before any I/O, with the right exception. */
    @Nested
    class BadArguments extends BadArgumentsRules {
        BadArguments() {
            super(fixture);
        }
    }

    /** Concurrent callers lose nothing, and compare-and-set has one winner. */
    @Nested
    class Concurrency extends ConcurrencyRules {
        Concurrency() {
            super(fixture);
        }
    }

    /** Close is idempotent and ends every other operation. */
    @Nested
    class Close extends CloseRules {
        Close() {
            super(fixture);
        }
    }

    /** Data survives reopening, when the test can reopen its store. */
    @Nested
    class Durability extends DurabilityRules {
        Durability() {
            super(fixture);
        }
    }

    /** Declared capabilities agree with behaviour. */
    @Nested
    class Capabilities extends CapabilitiesRules {
        Capabilities() {
            super(fixture);
        }
    }
}
