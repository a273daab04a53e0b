package io.checkpointkit.tck;

import static org.assertj.core.api.Assertions.assertThat;

import io.checkpointkit.Checkpoint;
import io.checkpointkit.ExecutionInfo;
import io.checkpointkit.ExecutionPage;
import io.checkpointkit.spi.Ids;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code executions(after, limit)}: keyset pages of executions ordered by id (code point),
 * strictly after the cursor, with counts and last timestamps.
 *
 * <p>The store is shared with others, so these tests never assume it is empty: they name their
 * executions under the test's random prefix {@code P}, page from {@code executions(P, limit)}
 * (strictly after {@code P}) and stop at the first id that does not start with {@code P}.
 */
abstract class ExecutionsRules extends TckGroup {

    ExecutionsRules(TckFixture fixture) {
        super(fixture);
    }

    @BeforeEach
    void requireExecutionsSupport() {
        try {
            store().executions(fixture().prefix(), 1);
        } catch (UnsupportedOperationException e) {
            Assumptions.assumeTrue(false, "the store does not list executions (it throws "
                    + "UnsupportedOperationException, which the contract allows): " + e.getMessage());
        }
    }

    /** Every execution under this test's prefix, read in pages of {@code pageSize}. */
    private List<ExecutionInfo> ownExecutions(int pageSize) {
        List<ExecutionInfo> own = new ArrayList<>();
        String after = fixture().prefix();
        while (true) {
            ExecutionPage page = store().executions(after, pageSize);
            assertThat(page.items()).hasSizeLessThanOrEqualTo(pageSize);
            for (ExecutionInfo info : page.items()) {
                if (!info.executionId().startsWith(fixture().prefix())) {
                    return own;
                }
                own.add(info);
            }
            if (page.nextAfter().isEmpty()) {
                return own;
            }
            after = page.nextAfter().get();
        }
    }

    private static List<String> executionIds(List<ExecutionInfo> infos) {
        List<String> ids = new ArrayList<>();
        for (ExecutionInfo info : infos) {
            ids.add(info.executionId());
        }
        return ids;
    }

    @Test
    void executionsListsEachExecutionOnce() {
        String a = fixture().execution("a");
        String b = fixture().execution("b");
        String c = fixture().execution("c");
        saveAt(b, "b1", 0);
        saveAt(a, "a1", 0);
        saveAt(c, "c1", 0);
        saveAt(a, "a2", 1);
        assertThat(executionIds(ownExecutions(100))).containsExactly(a, b, c);
    }

    @Test
    void executionsAreOrderedByIdCodePoint() {
        String[] suffixes = {HostileStrings.GRINNING_FACE, HostileStrings.FULLWIDTH_TILDE, "b", "B", "\u00E9", "a "};
        for (String suffix : suffixes) {
            saveAt(fixture().execution(suffix), "in " + suffix, 0);
        }
        assertThat(executionIds(ownExecutions(100))).containsExactly(
                fixture().execution("B"), fixture().execution("a "), fixture().execution("b"),
                fixture().execution("\u00E9"), fixture().execution(HostileStrings.FULLWIDTH_TILDE),
                fixture().execution(HostileStrings.GRINNING_FACE));
    }

    @Test
    void executionsCountTheirCheckpoints() {
        executionWith("s", 3);
        assertThat(ownExecutions(10)).singleElement()
                .satisfies(info -> assertThat(info.checkpointCount()).isEqualTo(3));
    }

    @Test
    void lastTimestampIsTheNewestCheckpointsNotTheLastSaved() {
        String execution = newExecution();
        Instant newest = Instant.parse("2024-05-01T12:00:09.123456Z");
        store().save(checkpoint(execution, "newest").timestamp(newest).build());
        saveAt(execution, "older", 1);
        assertThat(ownExecutions(10)).singleElement()
                .satisfies(info -> assertThat(info.lastTimestamp()).isEqualTo(newest));
    }

    @Test
    void pagesOfTwoVisitEveryExecutionOnceInOrder() {
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String execution = newExecution();
            saveAt(execution, "only" + i, i);
            expected.add(execution);
        }
        assertThat(executionIds(ownExecutions(2))).isEqualTo(expected);
    }

    @Test
    void aFullPageCarriesTheCursorOfItsLastItem() {
        String first = executionWithOne("f");
        String second = executionWithOne("s");
        ExecutionPage page = store().executions(fixture().prefix(), 2);
        assertThat(executionIds(page.items())).containsExactly(first, second);
        assertThat(page.nextAfter()).contains(second);
    }

    @Test
    void aPageShorterThanItsLimitHasNoCursor() {
        executionWithOne("x");
        ExecutionPage page = store().executions(fixture().prefix(), 1000);
        if (page.items().size() < 1000) {
            assertThat(page.nextAfter()).isEmpty();
        } else {
            assertThat(page.nextAfter()).isPresent();
        }
    }

    @Test
    void executionsStartStrictlyAfterTheCursor() {
        String first = executionWithOne("f");
        String second = executionWithOne("s");
        ExecutionPage page = store().executions(first, 1);
        assertThat(executionIds(page.items())).containsExactly(second);
    }

    @Test
    void cursorNeedNotBeAnExistingExecution() {
        String execution = fixture().execution("b");
        saveAt(execution, "x", 0);
        ExecutionPage page = store().executions(fixture().prefix() + "a", 1);
        assertThat(executionIds(page.items())).containsExactly(execution);
    }

    @Test
    void executionsFromTheStartAreOrderedAndBounded() {
        executionWithOne("x");
        ExecutionPage page = store().executions(null, 5);
        assertThat(page.items()).isNotEmpty().hasSizeLessThanOrEqualTo(5);
        assertThat(executionIds(page.items())).isSortedAccordingTo(Ids::compare);
        assertThat(page.items()).allSatisfy(info -> assertThat(info.checkpointCount()).isPositive());
    }

    @Test
    void clearedExecutionIsNoLongerListed() {
        String cleared = executionWithOne("c");
        String kept = executionWithOne("k");
        store().clear(cleared);
        assertThat(executionIds(ownExecutions(10))).containsExactly(kept);
    }

    @Test
    void executionWhoseCheckpointsWereDeletedIsNoLongerListed() {
        String execution = newExecution();
        Checkpoint c = saveAt(execution, "only", 0);
        store().delete(c.id());
        assertThat(ownExecutions(10)).isEmpty();
    }

    @Test
    void countsAndLastTimestampFollowTrimAndDelete() {
        String execution = executionWith("s", 5);
        store().trim(execution, 3);
        store().delete(id("s_4"));
        assertThat(ownExecutions(10)).singleElement().satisfies(info -> {
            assertThat(info.checkpointCount()).isEqualTo(2);
            assertThat(info.lastTimestamp()).isEqualTo(at(3));
        });
    }

    @Test
    void updatesChangeLastTimestampButNotTheCount() {
        String execution = newExecution();
        Checkpoint first = saveAt(execution, "first", 1);
        saveAt(execution, "second", 2);
        store().save(first.toBuilder().timestamp(at(7)).build());
        store().save(first.toBuilder().version(0).timestamp(at(8)).build());
        assertThat(ownExecutions(10)).singleElement().satisfies(info -> {
            assertThat(info.checkpointCount()).isEqualTo(2);
            assertThat(info.lastTimestamp()).isEqualTo(at(8));
        });
    }

    @Test
    void hostileExecutionIdsArePaged() {
        List<String> saved = new ArrayList<>();
        for (String fragment : HostileStrings.ID_FRAGMENTS) {
            String execution = fixture().execution(fragment);
            saveAt(execution, "in " + fragment, 0);
            saved.add(execution);
        }
        saved.sort(Ids::compare);
        assertThat(executionIds(ownExecutions(7))).isEqualTo(saved);
    }
}
