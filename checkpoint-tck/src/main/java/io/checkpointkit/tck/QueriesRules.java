package io.checkpointkit.tck;

import static org.assertj.core.api.Assertions.assertThat;

import io.checkpointkit.Checkpoint;
import io.checkpointkit.CheckpointQuery;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * {@code list(executionId, query)}: the range and the metadata filter select, then
 * {@code newestFirst} orders, then {@code limit} cuts. A cursor not in the execution selects
 * nothing.
 *
 * <p>Most tests use six checkpoints {@code c0 … c5}, oldest first, where {@code c3} and
 * {@code c4} share a timestamp; even ones have {@code source=loop}, odd ones
 * {@code source=tool}, and each has {@code step=<its number>}.
 */
abstract class QueriesRules extends TckGroup {

    private static final long[] SECONDS = {0, 1, 2, 3, 3, 5};

    QueriesRules(TckFixture fixture) {
        super(fixture);
    }

    /** Saves {@code c0 … c5} (see the class comment) in a scrambled order; returns the execution. */
    private String sixCheckpoints() {
        String execution = newExecution();
        for (int i : new int[] {4, 1, 5, 0, 3, 2}) {
            store().save(checkpoint(execution, "c" + i).timestamp(at(SECONDS[i]))
                    .putMetadata("source", i % 2 == 0 ? "loop" : "tool")
                    .putMetadata("step", Integer.toString(i)).build());
        }
        return execution;
    }

    /** The ids {@code list} returns for a query over {@link #sixCheckpoints()}. */
    private List<String> queryOfSix(Consumer<CheckpointQuery.Builder> settings) {
        return query(sixCheckpoints(), settings);
    }

    private List<String> query(String execution, Consumer<CheckpointQuery.Builder> settings) {
        CheckpointQuery.Builder builder = CheckpointQuery.builder();
        settings.accept(builder);
        return ids(store().list(execution, builder.build()));
    }

    private List<String> c(int... numbers) {
        List<String> ids = new ArrayList<>();
        for (int n : numbers) {
            ids.add(id("c" + n));
        }
        return ids;
    }

    @Test
    void queryAllReturnsEverythingOldestFirst() {
        String execution = sixCheckpoints();
        assertThat(ids(store().list(execution, CheckpointQuery.all()))).isEqualTo(c(0, 1, 2, 3, 4, 5));
    }

    @Test
    void emptyBuilderQueryEqualsList() {
        String execution = sixCheckpoints();
        assertThat(store().list(execution, CheckpointQuery.builder().build()))
                .isEqualTo(store().list(execution));
    }

    @Test
    void limitKeepsTheOldest() {
        assertThat(queryOfSix(q -> q.limit(2))).isEqualTo(c(0, 1));
    }

    @Test
    void limitZeroReturnsNothing() {
        assertThat(queryOfSix(q -> q.limit(0))).isEmpty();
    }

    @Test
    void limitAboveTheCountReturnsEverything() {
        assertThat(queryOfSix(q -> q.limit(100))).isEqualTo(c(0, 1, 2, 3, 4, 5));
    }

    @Test
    void largestLimitReturnsEverything() {
        String execution = sixCheckpoints();
        assertThat(query(execution, q -> q.limit(Integer.MAX_VALUE))).isEqualTo(c(0, 1, 2, 3, 4, 5));
        assertThat(query(execution, q -> q.limit(Integer.MAX_VALUE).newestFirst(true).after(id("c3"))))
                .isEqualTo(c(5, 4));
    }

    @Test
    void newestFirstReversesTheOrder() {
        assertThat(queryOfSix(q -> q.newestFirst(true))).isEqualTo(c(5, 4, 3, 2, 1, 0));
    }

    @Test
    void newestFirstWithLimitReturnsTheNewest() {
        assertThat(queryOfSix(q -> q.newestFirst(true).limit(2))).isEqualTo(c(5, 4));
    }

    @Test
    void afterSelectsLaterCheckpoints() {
        assertThat(queryOfSix(q -> q.after(id("c2")))).isEqualTo(c(3, 4, 5));
    }

    @Test
    void beforeSelectsEarlierCheckpoints() {
        assertThat(queryOfSix(q -> q.before(id("c2")))).isEqualTo(c(0, 1));
    }

    @Test
    void afterAndBeforeSelectTheRangeBetweenExclusively() {
        assertThat(queryOfSix(q -> q.after(id("c1")).before(id("c5")))).isEqualTo(c(2, 3, 4));
    }

    @Test
    void adjacentCursorsSelectNothing() {
        assertThat(queryOfSix(q -> q.after(id("c1")).before(id("c2")))).isEmpty();
    }

    @Test
    void crossedCursorsSelectNothing() {
        assertThat(queryOfSix(q -> q.after(id("c4")).before(id("c1")))).isEmpty();
    }

    @Test
    void afterTheLatestSelectsNothing() {
        assertThat(queryOfSix(q -> q.after(id("c5")))).isEmpty();
    }

    @Test
    void beforeTheFirstSelectsNothing() {
        assertThat(queryOfSix(q -> q.before(id("c0")))).isEmpty();
    }

    @Test
    void afterRespectsTimestampTiesBrokenById() {
        String execution = sixCheckpoints();
        assertThat(query(execution, q -> q.after(id("c3")))).isEqualTo(c(4, 5));
        assertThat(query(execution, q -> q.before(id("c4")))).isEqualTo(c(0, 1, 2, 3));
    }

    @Test
    void afterWithNewestFirstStillMeansLater() {
        assertThat(queryOfSix(q -> q.after(id("c2")).newestFirst(true))).isEqualTo(c(5, 4, 3));
    }

    @Test
    void beforeWithNewestFirstStillMeansEarlier() {
        assertThat(queryOfSix(q -> q.before(id("c3")).newestFirst(true))).isEqualTo(c(2, 1, 0));
    }

    @Test
    void afterWithLimitTakesTheNextOnes() {
        assertThat(queryOfSix(q -> q.after(id("c1")).limit(2))).isEqualTo(c(2, 3));
    }

    @Test
    void beforeWithNewestFirstAndLimitTakesThePreviousOnes() {
        assertThat(queryOfSix(q -> q.before(id("c4")).newestFirst(true).limit(2))).isEqualTo(c(3, 2));
    }

    @Test
    void afterCursorNotInTheExecutionSelectsNothing() {
        assertThat(queryOfSix(q -> q.after(id("unknown")))).isEmpty();
    }

    @Test
    void beforeCursorNotInTheExecutionSelectsNothing() {
        assertThat(queryOfSix(q -> q.before(id("unknown")))).isEmpty();
    }

    @Test
    void cursorOfAnotherExecutionSelectsNothing() {
        String execution = sixCheckpoints();
        saveAt(newExecution(), "elsewhere", 2);
        assertThat(query(execution, q -> q.after(id("elsewhere")))).isEmpty();
        assertThat(query(execution, q -> q.before(id("elsewhere")))).isEmpty();
    }

    @Test
    void cursorOfADeletedCheckpointSelectsNothing() {
        String execution = sixCheckpoints();
        store().delete(id("c2"));
        assertThat(query(execution, q -> q.after(id("c2")))).isEmpty();
        assertThat(query(execution, q -> q.before(id("c2")).newestFirst(true))).isEmpty();
    }

    @Test
    void oneUnknownCursorEmptiesARangeWithAKnownOne() {
        String execution = sixCheckpoints();
        assertThat(query(execution, q -> q.after(id("c1")).before(id("unknown")))).isEmpty();
        assertThat(query(execution, q -> q.after(id("unknown")).before(id("c4")))).isEmpty();
    }

    @Test
    void metadataFilterSelectsMatchingCheckpoints() {
        assertThat(queryOfSix(q -> q.metadata("source", "loop"))).isEqualTo(c(0, 2, 4));
    }

    @Test
    void metadataFilterWithSeveralEntriesRequiresAll() {
        String execution = sixCheckpoints();
        assertThat(query(execution, q -> q.metadata("source", "loop").metadata("step", "2"))).isEqualTo(c(2));
        assertThat(query(execution, q -> q.metadata("source", "tool").metadata("step", "2"))).isEmpty();
    }

    @Test
    void metadataFilterWithoutMatchSelectsNothing() {
        String execution = sixCheckpoints();
        assertThat(query(execution, q -> q.metadata("source", "nowhere"))).isEmpty();
        assertThat(query(execution, q -> q.metadata("missing", "loop"))).isEmpty();
    }

    @Test
    void metadataFilterMatchesWholeValuesNotPrefixesOrPatterns() {
        String execution = newExecution();
        for (String value : new String[] {"1", "10", "%", "_", "a*"}) {
            store().save(checkpoint(execution, "v" + value).putMetadata("step", value).build());
        }
        assertThat(query(execution, q -> q.metadata("step", "1"))).containsExactly(id("v1"));
        assertThat(query(execution, q -> q.metadata("step", "%"))).containsExactly(id("v%"));
        assertThat(query(execution, q -> q.metadata("step", "_"))).containsExactly(id("v_"));
        assertThat(query(execution, q -> q.metadata("step", "a"))).isEmpty();
    }

    @Test
    void metadataFilterOnAnEmptyValueNeedsTheKey() {
        String execution = newExecution();
        store().save(checkpoint(execution, "empty").putMetadata("note", "").build());
        store().save(checkpoint(execution, "absent").build());
        assertThat(query(execution, q -> q.metadata("note", ""))).containsExactly(id("empty"));
    }

    @Test
    void metadataFilterWithHostileKeysAndValues() {
        String execution = newExecution();
        store().save(checkpoint(execution, "hostile").metadata(HostileStrings.metadata()).build());
        store().save(checkpoint(execution, "plain").putMetadata("a.b", "other").build());
        HostileStrings.metadata().forEach((key, value) ->
                assertThat(query(execution, q -> q.metadata(key, value)))
                        .as("filter %s=%s", key, value).containsExactly(id("hostile")));
    }

    @Test
    void limitCutsAfterTheMetadataFilter() {
        assertThat(queryOfSix(q -> q.metadata("source", "tool").limit(2))).isEqualTo(c(1, 3));
    }

    @Test
    void metadataFilterWithNewestFirstAndLimit() {
        assertThat(queryOfSix(q -> q.metadata("source", "loop").newestFirst(true).limit(2)))
                .isEqualTo(c(4, 2));
    }

    @Test
    void metadataFilterWithinARange() {
        assertThat(queryOfSix(q -> q.metadata("source", "loop").after(id("c0")).before(id("c5"))))
                .isEqualTo(c(2, 4));
    }

    @Test
    void cursorNeedNotMatchTheMetadataFilter() {
        assertThat(queryOfSix(q -> q.metadata("source", "loop").after(id("c1")))).isEqualTo(c(2, 4));
    }

    @Test
    void everySettingTogether() {
        assertThat(queryOfSix(q -> q.after(id("c0")).before(id("c5")).metadata("source", "tool")
                .newestFirst(true).limit(1))).isEqualTo(c(3));
    }

    @Test
    void pagingForwardWithAfterVisitsEveryCheckpointOnce() {
        String execution = sixCheckpoints();
        List<String> visited = new ArrayList<>();
        List<String> page = query(execution, q -> q.limit(4));
        while (!page.isEmpty()) {
            visited.addAll(page);
            String last = page.get(page.size() - 1);
            page = query(execution, q -> q.after(last).limit(4));
        }
        assertThat(visited).isEqualTo(c(0, 1, 2, 3, 4, 5));
    }

    @Test
    void pagingBackwardWithBeforeVisitsEveryCheckpointOnce() {
        String execution = sixCheckpoints();
        List<String> visited = new ArrayList<>();
        List<String> page = query(execution, q -> q.newestFirst(true).limit(4));
        while (!page.isEmpty()) {
            visited.addAll(page);
            String last = page.get(page.size() - 1);
            page = query(execution, q -> q.before(last).newestFirst(true).limit(4));
        }
        assertThat(visited).isEqualTo(c(5, 4, 3, 2, 1, 0));
    }

    @Test
    void queryOfUnknownExecutionIsEmpty() {
        assertThat(query(newExecution(), q -> q.newestFirst(true).limit(3))).isEmpty();
    }

    @Test
    void queryReturnsWholeCheckpoints() {
        String execution = sixCheckpoints();
        List<Checkpoint> listed = store().list(execution);
        assertThat(store().list(execution, CheckpointQuery.builder().newestFirst(true).limit(1).build()))
                .containsExactly(listed.get(listed.size() - 1));
    }

    @Test
    void everyQueryCombinationAgreesWithTheReferenceSemantics() {
        String execution = sixCheckpoints();
        List<Checkpoint> all = store().list(execution);
        Integer[] limits = {null, 0, 1, 3};
        String[] cursors = {null, id("c1"), id("c3"), id("c4"), id("unknown")};
        String[][] filters = {{}, {"source", "loop"}, {"source", "tool", "step", "3"}};
        for (Integer limit : limits) {
            for (boolean newestFirst : new boolean[] {false, true}) {
                for (String after : cursors) {
                    for (String before : cursors) {
                        for (String[] filter : filters) {
                            CheckpointQuery.Builder b = CheckpointQuery.builder().newestFirst(newestFirst);
                            if (limit != null) {
                                b.limit(limit);
                            }
                            if (after != null) {
                                b.after(after);
                            }
                            if (before != null) {
                                b.before(before);
                            }
                            for (int i = 0; i < filter.length; i += 2) {
                                b.metadata(filter[i], filter[i + 1]);
                            }
                            CheckpointQuery query = b.build();
                            assertThat(store().list(execution, query)).as("%s", query)
                                    .isEqualTo(query.apply(all));
                        }
                    }
                }
            }
        }
    }
}
