package io.checkpointkit.tck;

import io.checkpointkit.AbstractCheckpointStore;
import io.checkpointkit.Checkpoint;
import io.checkpointkit.CheckpointStore;

import java.util.List;
import java.util.Optional;

/**
 * The whole kit against the smallest store a third party can write: it extends
 * {@link AbstractCheckpointStore} and writes only the abstract steps (on the reference store's
 * data), so the base's shell and its default steps ({@code latest}, queries, {@code trim}, and
 * {@code executions} and {@code clearIfIdleSince} unsupported) must pass the contract alone.
 */
class MinimalBaseStoreTckTest extends CheckpointStoreTck {

    @Override
    protected CheckpointStore newStore() {
        return new MinimalStore();
    }

    /** The five operations and close; nothing else. */
    static final class MinimalStore extends AbstractCheckpointStore {
        private final ReferenceCheckpointStore data = new ReferenceCheckpointStore();

        @Override
        protected Checkpoint doSave(Checkpoint checkpoint) {
            return data.save(checkpoint);
        }

        @Override
        protected Optional<Checkpoint> doLoad(String checkpointId) {
            return data.load(checkpointId);
        }

        @Override
        protected List<Checkpoint> doList(String executionId) {
            return data.list(executionId);
        }

        @Override
        protected boolean doDelete(String checkpointId) {
            return data.delete(checkpointId);
        }

        @Override
        protected int doClear(String executionId) {
            return data.clear(executionId);
        }

        @Override
        protected void doClose() {
            data.close();
        }
    }
}
