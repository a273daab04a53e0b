package io.checkpointkit.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.checkpointkit.Checkpoint;
import io.checkpointkit.CheckpointConflictException;
import io.checkpointkit.CheckpointQuery;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/** {@code close} is idempotent; afterwards every other operation throws {@link IllegalStateException}. */
abstract class CloseRules extends TckGroup {

    CloseRules(TckFixture fixture) {
        super(fixture);
    }

    /** Saves one checkpoint, closes the store, and checks that {@code call} is refused. */
    private void assertRefusedAfterClose(ThrowingCallable call) {
        saveAt(newExecution(), "before-close", 0);
        store().close();
        assertThatThrownBy(call).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void closeIsIdempotent() {
        store().close();
        assertThatCode(() -> store().close()).doesNotThrowAnyException();
        assertThatCode(() -> store().close()).doesNotThrowAnyException();
    }

    @Test
    void closeOfAStoreThatHoldsDataIsIdempotent() {
        saveSeries(newExecution(), "s", 3);
        store().close();
        assertThatCode(() -> store().close()).doesNotThrowAnyException();
    }

    @Test
    void saveAfterCloseThrowsIllegalState() {
        Checkpoint c = checkpoint(newExecution(), "after").build();
        assertRefusedAfterClose(() -> store().save(c));
    }

    @Test
    void loadAfterCloseThrowsIllegalState() {
        assertRefusedAfterClose(() -> store().load(id("before-close")));
    }

    @Test
    void listAfterCloseThrowsIllegalState() {
        String execution = newExecution();
        assertRefusedAfterClose(() -> store().list(execution));
    }

    @Test
    void deleteAfterCloseThrowsIllegalState() {
        assertRefusedAfterClose(() -> store().delete(id("before-close")));
    }

    @Test
    void clearAfterCloseThrowsIllegalState() {
        String execution = newExecution();
        assertRefusedAfterClose(() -> store().clear(execution));
    }

    @Test
    void latestAfterCloseThrowsIllegalState() {
        String execution = newExecution();
        assertRefusedAfterClose(() -> store().latest(execution));
    }

    @Test
    void queryAfterCloseThrowsIllegalState() {
        String execution = newExecution();
        assertRefusedAfterClose(() -> store().list(execution,
                CheckpointQuery.builder().newestFirst(true).limit(3).build()));
    }

    @Test
    void trimAfterCloseThrowsIllegalState() {
        String execution = newExecution();
        assertRefusedAfterClose(() -> store().trim(execution, 1));
    }

    @Test
    void executionsAfterCloseThrowsIllegalStateUnlessUnsupported() {
        saveAt(newExecution(), "before-close", 0);
        boolean supported = true;
        try {
            store().executions(fixture().prefix(), 1);
        } catch (UnsupportedOperationException e) {
            supported = false;
        }
        store().close();
        Throwable thrown = catchThrowable(
                () -> store().executions(fixture().prefix(), 1));
        if (supported) {
            assertThat(thrown).isInstanceOf(IllegalStateException.class);
        } else {
            assertThat(thrown).isInstanceOfAny(IllegalStateException.class, UnsupportedOperationException.class);
        }
    }

    @Test
    void closeAfterAFailedCallStillWorks() {
        Checkpoint c = checkpoint(newExecution(), "conflict").version(3).build();
        assertThatThrownBy(() -> store().save(c)).isInstanceOf(CheckpointConflictException.class);
        store().close();
        assertThatThrownBy(() -> store().load(c.id())).isInstanceOf(IllegalStateException.class);
    }
}
