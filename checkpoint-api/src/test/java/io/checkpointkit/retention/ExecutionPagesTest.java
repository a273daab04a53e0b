package io.checkpointkit.retention;

import io.checkpointkit.Checkpoint;
import io.checkpointkit.CheckpointStoreUnavailableException;
import io.checkpointkit.ExecutionInfo;
import io.checkpointkit.ExecutionPage;
import io.checkpointkit.UnreadableExecution;
import io.checkpointkit.decorators.FakeStore;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link RetentionSweeper#executions}: the walk over every execution of a store. */
class ExecutionPagesTest {

    private final FakeStore store = new FakeStore();

    private void save(String executionId, int count) {
        for (int n = 0; n < count; n++) {
            store.save(Checkpoint.builder(executionId).id(executionId + "/" + n).build());
        }
    }

    private static List<String> ids(Iterable<ExecutionPage> pages) {
        List<String> ids = new ArrayList<>();
        for (ExecutionPage page : pages) {
            page.items().forEach(info -> ids.add(info.executionId()));
        }
        return ids;
    }

    @Test
    void anEmptyStoreIsOneEmptyPage() {
        Iterator<ExecutionPage> pages = RetentionSweeper.executions(store, 10).iterator();

        assertThat(pages.hasNext()).isTrue();
        assertThat(pages.next()).isEqualTo(ExecutionPage.of(List.of(), 10));
        assertThat(pages.hasNext()).isFalse();
        assertThatThrownBy(pages::next).isInstanceOf(NoSuchElementException.class);
    }

    @Test
    void walksEveryExecutionAcrossPagesInIdOrder() {
        for (String executionId : List.of("e", "a", "d", "b", "c")) {
            save(executionId, 2);
        }
        List<Integer> sizes = new ArrayList<>();
        List<Long> counts = new ArrayList<>();
        for (ExecutionPage page : RetentionSweeper.executions(store, 2)) {
            sizes.add(page.items().size());
            page.items().forEach(info -> counts.add(info.checkpointCount()));
        }

        assertThat(sizes).containsExactly(2, 2, 1);
        assertThat(counts).containsOnly(2L).hasSize(5);
        assertThat(ids(RetentionSweeper.executions(store, 2))).containsExactly("a", "b", "c", "d", "e");
    }

    @Test
    void aFullLastPageIsFollowedByAnEmptyOne() {
        save("a", 1);
        save("b", 1);
        List<ExecutionPage> pages = new ArrayList<>();
        RetentionSweeper.executions(store, 2).forEach(pages::add);

        assertThat(pages).hasSize(2);
        assertThat(pages.get(1).items()).isEmpty();
    }

    @Test
    void startsAfterTheGivenExecutionId() {
        for (String executionId : List.of("a", "b", "c", "d")) {
            save(executionId, 1);
        }

        assertThat(ids(RetentionSweeper.executions(store, "b", 1))).containsExactly("c", "d");
    }

    @Test
    void unreadableExecutionsAreListedAndTheWalkGoesOnPastThem() {
        for (String executionId : List.of("a", "b", "c", "d")) {
            save(executionId, 1);
        }
        store.markUnreadable("b");
        store.markUnreadable("c");
        List<String> unreadable = new ArrayList<>();
        List<String> readable = new ArrayList<>();
        for (ExecutionPage page : RetentionSweeper.executions(store, 1)) {
            page.unreadable().stream().map(UnreadableExecution::executionId).forEach(unreadable::add);
            page.items().stream().map(ExecutionInfo::executionId).forEach(readable::add);
        }

        assertThat(unreadable).containsExactly("b", "c");
        assertThat(readable).containsExactly("a", "d");
    }

    @Test
    void anExecutionAddedDuringTheWalkIsSeenWhenItComesAfterTheCursor() {
        for (String executionId : List.of("b", "d")) {
            save(executionId, 1);
        }
        List<String> seen = new ArrayList<>();
        for (ExecutionPage page : RetentionSweeper.executions(store, 1)) {
            page.items().forEach(info -> seen.add(info.executionId()));
            if (seen.equals(List.of("b"))) {
                save("a", 1); // behind the cursor: not seen
                save("c", 1); // ahead of it: seen
            }
        }

        assertThat(seen).containsExactly("b", "c", "d");
    }

    @Test
    void clearingExecutionsDuringTheWalkSkipsNone() {
        for (String executionId : List.of("a", "b", "c", "d", "e")) {
            save(executionId, 1);
        }
        List<String> seen = new ArrayList<>();
        for (ExecutionPage page : RetentionSweeper.executions(store, 2)) {
            page.items().forEach(info -> {
                seen.add(info.executionId());
                store.clear(info.executionId());
            });
        }

        assertThat(seen).containsExactly("a", "b", "c", "d", "e");
    }

    @Test
    void aFailedPageIsAskedForAgainOnTheNextCall() {
        for (String executionId : List.of("a", "b", "c")) {
            save(executionId, 1);
        }
        Iterator<ExecutionPage> pages = RetentionSweeper.executions(store, 2).iterator();
        assertThat(pages.next().items()).extracting(ExecutionInfo::executionId).containsExactly("a", "b");

        store.failWith(operation -> new CheckpointStoreUnavailableException("down"));
        assertThatThrownBy(pages::next).isInstanceOf(CheckpointStoreUnavailableException.class);
        store.succeed();

        assertThat(pages.hasNext()).isTrue();
        assertThat(pages.next().items()).extracting(ExecutionInfo::executionId).containsExactly("c");
        assertThat(pages.hasNext()).isFalse();
    }

    @Test
    void eachIteratorStartsANewWalk() {
        save("a", 1);
        Iterable<ExecutionPage> pages = RetentionSweeper.executions(store, 5);

        assertThat(ids(pages)).containsExactly("a");
        save("b", 1);
        assertThat(ids(pages)).containsExactly("a", "b");
    }

    @Test
    void refusesAPageSizeBelowOne() {
        assertThatThrownBy(() -> RetentionSweeper.executions(store, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("pageSize must be at least 1, was 0");
        assertThatThrownBy(() -> RetentionSweeper.executions(null, 1))
                .isInstanceOf(NullPointerException.class);
    }
}
