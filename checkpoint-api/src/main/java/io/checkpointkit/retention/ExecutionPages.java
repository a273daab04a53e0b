package io.checkpointkit.retention;

import io.checkpointkit.CheckpointStore;
import io.checkpointkit.ExecutionPage;

import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * The walk behind {@link RetentionSweeper#executions}: keyset pages of
 * {@link CheckpointStore#executions(String, int)}, each page asked for when the caller takes it,
 * from the cursor the previous page gave ({@link ExecutionPage#nextAfter()}).
 */
record ExecutionPages(CheckpointStore store, String afterExecutionId, int pageSize)
        implements Iterable<ExecutionPage> {

    @Override
    public Iterator<ExecutionPage> iterator() {
        return new Iterator<>() {
            private String cursor = afterExecutionId;
            private boolean more = true;

            @Override
            public boolean hasNext() {
                return more;
            }

            @Override
            public ExecutionPage next() {
                if (!more) {
                    throw new NoSuchElementException("the walk is past the last page of executions");
                }
                // The cursor moves only once the page is read, so a failed call can be retried.
                ExecutionPage page = store.executions(cursor, pageSize);
                cursor = page.nextAfter().orElse(null);
                more = cursor != null;
                return page;
            }
        };
    }
}
