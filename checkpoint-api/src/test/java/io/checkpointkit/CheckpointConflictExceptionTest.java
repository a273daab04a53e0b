package io.checkpointkit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The three kinds of conflict, each worded once, with the ids and versions a caller needs. */
class CheckpointConflictExceptionTest {

    @Test
    void versionMismatchNamesTheIdTheExpectedAndTheStoredVersion() {
        assertThat(CheckpointConflictException.versionMismatch("cp-7", 3, 4))
                .hasMessage("checkpoint 'cp-7' was not saved with expected version 3: the stored version is 4");
    }

    @Test
    void aStoredVersionEqualToTheExpectedOneWasMovedByAConcurrentWriter() {
        assertThat(CheckpointConflictException.versionMismatch("cp-7", 3, 3)).hasMessage(
                "checkpoint 'cp-7' was not saved with expected version 3: another writer updated it at the same moment");
    }

    @Test
    void notStoredNamesTheIdAndTheExpectedVersion() {
        assertThat(CheckpointConflictException.notStored("cp-7", 3))
                .hasMessage("checkpoint 'cp-7' was not saved with expected version 3: nothing is stored under this id");
    }

    @Test
    void ownedByAnotherExecutionNamesBothExecutionsWhenTheOwnerIsKnown() {
        assertThat(CheckpointConflictException.ownedByAnotherExecution("cp-7", "exec-b", "exec-a")).hasMessage(
                "checkpoint 'cp-7' was not saved under execution 'exec-b': it is stored under another execution, 'exec-a'");
        assertThat(CheckpointConflictException.ownedByAnotherExecution("cp-7", "exec-b")).hasMessage(
                "checkpoint 'cp-7' was not saved under execution 'exec-b': it is stored under another execution");
    }
}
