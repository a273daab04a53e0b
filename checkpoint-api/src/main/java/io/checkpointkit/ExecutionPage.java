package io.checkpointkit;

import io.checkpointkit.spi.Ids;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One keyset page of {@link CheckpointStore#executions(String, int)}: executions ordered by id
 * (code point order, {@link Ids#compare}), and the cursor for the next page.
 *
 * <p>An execution the store found but could not read is not an item: it is listed in
 * {@link #unreadable()}, counts toward the page's limit, and the cursor moves past it, so one
 * unreadable execution never stops a walk over the others. Stores that cannot have unreadable
 * executions never list any.
 */
public final class ExecutionPage {

    private final List<ExecutionInfo> items;
    private final List<UnreadableExecution> unreadable;
    private final String nextAfter;

    private ExecutionPage(List<ExecutionInfo> items, List<UnreadableExecution> unreadable, String nextAfter) {
        this.items = List.copyOf(items);
        this.unreadable = List.copyOf(unreadable);
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
        return new ExecutionPage(items, List.of(), next);
    }

    /**
     * Makes the page for a call with the given limit, with executions that could not be read:
     * both count toward the limit. When the page is full there may be more, so the cursor is the
     * greatest execution id of either list; otherwise there is no next page.
     *
     * @param items the executions of this page that could be read, in order
     * @param unreadable the executions of this page that could not be read, in order
     * @param limit the limit the page was asked for
     * @throws IllegalArgumentException if there are more executions than {@code limit}
     */
    public static ExecutionPage of(List<ExecutionInfo> items, List<UnreadableExecution> unreadable, int limit) {
        Objects.requireNonNull(items, "items must not be null");
        Objects.requireNonNull(unreadable, "unreadable must not be null");
        int size = items.size() + unreadable.size();
        if (size > limit) {
            throw new IllegalArgumentException("a page of limit " + limit + " cannot hold " + size + " executions");
        }
        String next = null;
        if (size > 0 && size == limit) {
            String lastItem = items.isEmpty() ? null : items.get(items.size() - 1).executionId();
            String lastUnreadable = unreadable.isEmpty() ? null : unreadable.get(unreadable.size() - 1).executionId();
            next = lastItem == null ? lastUnreadable
                    : lastUnreadable == null || Ids.compare(lastItem, lastUnreadable) > 0 ? lastItem : lastUnreadable;
        }
        return new ExecutionPage(items, unreadable, next);
    }

    /** The executions of this page, ordered by execution id; unmodifiable. */
    public List<ExecutionInfo> items() {
        return items;
    }

    /**
     * The executions of this page that the store could not read, with the reason, ordered by
     * execution id; unmodifiable, usually empty.
     */
    public List<UnreadableExecution> unreadable() {
        return unreadable;
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
                && unreadable.equals(((ExecutionPage) o).unreadable)
                && Objects.equals(nextAfter, ((ExecutionPage) o).nextAfter);
    }

    @Override
    public int hashCode() {
        return Objects.hash(items, unreadable, nextAfter);
    }

    @Override
    public String toString() {
        return "ExecutionPage{items=" + items + (unreadable.isEmpty() ? "" : ", unreadable=" + unreadable)
                + ", nextAfter=" + nextAfter + '}';
    }
}
