package io.checkpointkit.decorators;

import io.checkpointkit.Checkpoint;
import io.checkpointkit.CheckpointQuery;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StateTransformingCheckpointStoreTest {

    /** Stores each state reversed, and refuses a state "bad" before any I/O. */
    private static final class ReversingStore extends StateTransformingCheckpointStore {
        ReversingStore(FakeStore delegate) {
            super(delegate);
        }

        @Override
        protected Checkpoint encode(Checkpoint checkpoint) {
            if (text(checkpoint).equals("bad")) {
                throw new IllegalArgumentException("bad state");
            }
            return text(checkpoint).equals("as-is") ? checkpoint : reversed(checkpoint);
        }

        @Override
        protected Checkpoint decode(Checkpoint stored) {
            return text(stored).equals("as-is") ? stored : reversed(stored);
        }

        private static Checkpoint reversed(Checkpoint c) {
            return c.toBuilder().state(new StringBuilder(text(c)).reverse().toString()
                    .getBytes(StandardCharsets.UTF_8)).build();
        }
    }

    private final FakeStore backend = new FakeStore();
    private final ReversingStore store = new ReversingStore(backend);

    @Test
    void savesTheEncodedFormAndReturnsTheCallersFormWithTheNewVersion() {
        Checkpoint given = checkpoint("cp-1", "abc", 1);

        Checkpoint saved = store.save(given);

        assertThat(text(saved)).isEqualTo("abc");
        assertThat(saved.version()).isEqualTo(1);
        assertThat(text(backend.load("cp-1").orElseThrow())).isEqualTo("cba");
    }

    @Test
    void aCheckpointStoredAsItIsComesBackAsTheStoresOwnResult() {
        Checkpoint saved = store.save(checkpoint("cp-1", "as-is", 1));

        assertThat(text(saved)).isEqualTo("as-is");
        assertThat(saved.version()).isEqualTo(1);
    }

    @Test
    void everyReadDecodes() {
        store.save(checkpoint("cp-1", "abc", 1));
        store.save(checkpoint("cp-2", "xyz", 2));

        assertThat(text(store.load("cp-1").orElseThrow())).isEqualTo("abc");
        assertThat(text(store.latest("run").orElseThrow())).isEqualTo("xyz");
        assertThat(store.list("run")).extracting(StateTransformingCheckpointStoreTest::text)
                .containsExactly("abc", "xyz");
        assertThat(store.list("run", CheckpointQuery.all()))
                .extracting(StateTransformingCheckpointStoreTest::text).containsExactly("abc", "xyz");
    }

    @Test
    void anEncodeThatRefusesStopsTheSaveBeforeTheStore() {
        assertThatThrownBy(() -> store.save(checkpoint("cp-1", "bad", 1)))
                .isInstanceOf(IllegalArgumentException.class);

        assertThat(backend.calls()).isZero();
    }

    @Test
    void stateOfGivesTheCheckpointsOwnArrayWhileItsStateStillCopies() {
        Checkpoint c = checkpoint("cp-1", "abc", 1);

        assertThat(StateTransformingCheckpointStore.stateOf(c))
                .isSameAs(StateTransformingCheckpointStore.stateOf(c))
                .isNotSameAs(c.state())
                .isEqualTo("abc".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void withStateTakesTheArrayAndKeepsEveryOtherFieldAndTheVersion() {
        Checkpoint c = Checkpoint.builder("run").id("cp-1").parentId("cp-0").nodeName("plan")
                .state(new byte[] {1, 2}).putMetadata("step", "3").pinned(true)
                .timestamp(java.time.Instant.ofEpochSecond(7)).build().withVersion(4);
        byte[] replacement = {9, 8, 7};

        Checkpoint replaced = StateTransformingCheckpointStore.withState(c, replacement);

        assertThat(StateTransformingCheckpointStore.stateOf(replaced)).isSameAs(replacement);
        assertThat(replaced).isEqualTo(c.toBuilder().state(replacement).version(4).build());
        assertThat(c.state()).containsExactly(1, 2);
        assertThatThrownBy(() -> StateTransformingCheckpointStore.withState(c, null))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("state");
    }

    @Test
    void withStateOfNoBytesIsAnEmptyState() {
        Checkpoint replaced = StateTransformingCheckpointStore.withState(checkpoint("cp-1", "abc", 1), new byte[0]);

        assertThat(replaced.stateSize()).isZero();
        assertThat(replaced).isEqualTo(checkpoint("cp-1", "", 1));
    }

    private static Checkpoint checkpoint(String id, String state, long second) {
        return Checkpoint.builder("run").id(id).state(state.getBytes(StandardCharsets.UTF_8))
                .timestamp(java.time.Instant.ofEpochSecond(second)).build();
    }

    private static String text(Checkpoint c) {
        return new String(c.state(), StandardCharsets.UTF_8);
    }
}
