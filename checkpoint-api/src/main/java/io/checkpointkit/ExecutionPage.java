package io.checkpointkit;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One keyset page of {@link CheckpointStore#executions(String, int)}: executions ordered by id
 * (code point order, {@link Ids#compare}), and the cursor for the next page.
 */
public final class ExecutionPage {

    private final List<ExecutionInfo> items;
    private final String nextAfter;

    private ExecutionPage(List<ExecutionInfo> items, String nextAfter) {
        this.items = List.copyOf(items);
        this.nextAfter = nextAfter;
    }

    /**
     * Makes the page for a call with the given limit: when the page is full there may be more,
     * so the cursor is the last execution id; otherwise there is no next page.
     *
     * @param items the executions of this page, in order, at most {@code limit}
     * @param limit the limit the page was asked for
     * @throws IllegalArgumentException if there are more items than {@code limit}
     */
    public static ExecutionPage of(List<ExecutionInfo> items, int limit) {
        Objects.requireNonNull(items, "items must not be null");
        if (items.size() > limit) {
            throw new IllegalArgumentException("a page of limit " + limit + " cannot hold " + items.size() + " items");
        }
        String next = !items.isEmpty() && items.size() == limit ? items.get(items.size() - 1).executionId() : null;
        return new ExecutionPage(items, next);
    }

    /** The executions of this page, ordered by execution id; unmodifiable. */
    public List<ExecutionInfo> items() {
        return items;
    }

    /**
     * The value to pass as {@code afterExecutionId} for the next page; empty when this is the
     * last page. A full page always has one, and the page after it may be empty.
     */
    public Optional<String> nextAfter() {
        return Optional.ofNullable(nextAfter);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ExecutionPage
                && items.equals(((ExecutionPage) o).items)
                && Objects.equals(nextAfter, ((ExecutionPage) o).nextAfter);
    }

    @Override
    public int hashCode() {
        return Objects.hash(items, nextAfter);
    }

    @Override
    public String toString() {
        return "ExecutionPage{items=" + items + ", nextAfter=" + nextAfter + '}';
    }
}
