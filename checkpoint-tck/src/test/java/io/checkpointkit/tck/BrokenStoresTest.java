package io.checkpointkit.tck;

import static org.assertj.core.api.Assertions.assertThat;

import io.checkpointkit.Capability;
import io.checkpointkit.Checkpoint;
import io.checkpointkit.spi.Arguments;
import io.checkpointkit.spi.Ids;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/**
 * Deliberately broken stores, each the reference store with one realistic fault, run through
 * {@link Tck#run}: the kit must fail each of them, in the tests that name the broken rule.
 */
class BrokenStoresTest {

    /** Breaks timestamp ties with {@link String#compareTo}, as a naive backend does. */
    static final class Utf16OrderStore extends ReferenceCheckpointStore {
        @Override
        public List<Checkpoint> list(String executionId) {
            List<Checkpoint> list = new ArrayList<>(super.list(executionId));
            list.sort(Comparator.comparing(Checkpoint::timestamp).thenComparing(Checkpoint::id));
            return list;
        }
    }

    @Test
    void storeOrderingTiesByUtf16FailsTheOrderingRules() {
        TckReport report = Tck.run(Utf16OrderStore::new);
        assertThat(report.failedTests()).contains(
                "Ordering.listBreaksTiesByCodePointNotUtf16Order",
                "Latest.latestBreaksTiesByCodePointNotUtf16Order",
                "Trim.trimBreaksTimestampTiesById");
        assertThat(report.failedTests()).noneMatch(name -> name.startsWith("Versions."));
    }

    /** Ignores the expected version: every save is a blind write. */
    static final class NoCompareAndSetStore extends ReferenceCheckpointStore {
        @Override
        public Checkpoint save(Checkpoint checkpoint) {
            return super.save(checkpoint.withVersion(0));
        }
    }

    @Test
    void storeWithoutCompareAndSetFailsTheVersionRules() {
        TckReport report = Tck.run(NoCompareAndSetStore::new);
        assertThat(report.failedTests()).contains(
                "Versions.saveWithStaleVersionIsRejected",
                "Versions.saveWithVersionOnAnAbsentIdIsRejected",
                "Concurrency.compareAndSetRaceHasExactlyOneWinner");
    }

    /**
     * Loses concurrent writes: saves made on a thread other than the one that opened the store
     * stay in that thread's transaction, which is never committed (as with a connection per
     * thread and auto-commit off).
     */
    static final class UncommittedWritesStore extends ReferenceCheckpointStore {
        private final Thread owner = Thread.currentThread();
        private final Map<Thread, ReferenceCheckpointStore> transactions = new ConcurrentHashMap<>();

        @Override
        public Checkpoint save(Checkpoint checkpoint) {
            if (Thread.currentThread() == owner) {
                return super.save(checkpoint);
            }
            return transactions.computeIfAbsent(Thread.currentThread(), t -> new ReferenceCheckpointStore())
                    .save(checkpoint);
        }
    }

    @Test
    void storeLosingConcurrentWritesFailsTheConcurrencyRules() {
        TckReport report = Tck.run(UncommittedWritesStore::new);
        assertThat(report.failedTests()).contains(
                "Concurrency.concurrentSavesOfDistinctIdsAllPersist",
                "Concurrency.concurrentSavesToDistinctExecutionsAllPersist",
                "Trim.trimRacingConcurrentSavesKeepsTheNewest");
        assertThat(report.failedTests()).allMatch(name -> name.startsWith("Concurrency.")
                || name.startsWith("Trim."));
    }

    /** Trims the newest N regardless of pins. */
    static final class PinIgnoringTrimStore extends ReferenceCheckpointStore {
        @Override
        public int trim(String executionId, int keepLatest) {
            Arguments.requireNotNegative(keepLatest, "keepLatest");
            List<Checkpoint> all = list(executionId);
            int removed = 0;
            for (int i = 0; i < all.size() - keepLatest; i++) {
                removed += delete(all.get(i).id()) ? 1 : 0;
            }
            return removed;
        }
    }

    @Test
    void storeTrimmingPinnedCheckpointsFailsTheTrimRules() {
        TckReport report = Tck.run(PinIgnoringTrimStore::new);
        assertThat(report.failedTests()).contains(
                "Trim.trimKeepsPinnedCheckpoints",
                "Trim.pinnedCheckpointsDoNotCountTowardsKeepLatest",
                "Trim.onlyTheValueTrueMarksACheckpointPinned");
        assertThat(report.failedTests()).allMatch(name -> name.startsWith("Trim."));
    }

    /** Does not validate ids: looks them up as they come. */
    static final class PermissiveIdStore extends ReferenceCheckpointStore {
        @Override
        public Optional<Checkpoint> load(String checkpointId) {
            synchronized (byId) {
                requireOpen();
                return Optional.ofNullable(byId.get(checkpointId));
            }
        }

        @Override
        public boolean delete(String checkpointId) {
            synchronized (byId) {
                requireOpen();
                Checkpoint removed = byId.remove(checkpointId);
                if (removed != null) {
                    written(removed.executionId());
                }
                return removed != null;
            }
        }
    }

    @Test
    void storeAcceptingIllegalIdsFailsTheBadArgumentRules() {
        TckReport report = Tck.run(PermissiveIdStore::new);
        assertThat(report.failedTests()).containsExactlyInAnyOrder(
                "BadArguments.loadRejectsNullAndIllegalIds",
                "BadArguments.deleteRejectsNullAndIllegalIds",
                "BadArguments.illegalIdsAreNotFoundByPrefixOrTruncation");
    }

    /** Clears by prefix, as {@code LIKE 'x%'} or {@code SCAN MATCH x*} would. */
    static final class PrefixClearStore extends ReferenceCheckpointStore {
        @Override
        public int clear(String executionId) {
            Ids.requireValid(executionId, "executionId");
            synchronized (byId) {
                requireOpen();
                int before = byId.size();
                byId.values().removeIf(c -> c.executionId().startsWith(executionId));
                return before - byId.size();
            }
        }
    }

    @Test
    void storeClearingByPrefixFailsTheClearRules() {
        TckReport report = Tck.run(PrefixClearStore::new);
        assertThat(report.failedTests()).contains(
                "DeleteAndClear.clearDoesNotTreatTheExecutionIdAsAPatternOrPrefix");
    }

    /** Keeps working after close. */
    static final class NeverClosedStore extends ReferenceCheckpointStore {
        @Override
        public void close() {
        }
    }

    @Test
    void storeUsableAfterCloseFailsTheCloseRules() {
        TckReport report = Tck.run(NeverClosedStore::new);
        assertThat(report.failedTests()).contains(
                "Close.saveAfterCloseThrowsIllegalState",
                "Close.loadAfterCloseThrowsIllegalState",
                "Close.trimAfterCloseThrowsIllegalState",
                "Close.executionsAfterCloseThrowsIllegalStateUnlessUnsupported");
        assertThat(report.failedTests()).allMatch(name -> name.startsWith("Close."));
    }

    /** Declares DURABLE, but a reopened store starts empty. */
    @Test
    void storeForgettingItsDataOnReopenFailsTheDurabilityRules() {
        TckReport report = Tck.run(DurableReferenceStore::new, closed -> new DurableReferenceStore());
        assertThat(report.failedTests()).contains(
                "Durability.savedCheckpointSurvivesReopen",
                "Durability.deleteSurvivesReopen",
                "Capabilities.storeThatCanBeReopenedDeclaresDurable");
    }

    /** Survives reopen but does not say so. */
    @Test
    void storeThatSurvivesReopenWithoutDeclaringDurableFailsTheCapabilityRules() {
        Map<String, Checkpoint> database = new HashMap<>();
        TckReport report = Tck.run(() -> new ReferenceCheckpointStore(database),
                closed -> new ReferenceCheckpointStore(database));
        assertThat(report.failedTests()).containsExactly("Capabilities.storeThatCanBeReopenedDeclaresDurable");
    }

    /** A reference store on shared data that declares {@link Capability#DURABLE}. */
    static final class DurableReferenceStore extends ReferenceCheckpointStore {
        DurableReferenceStore() {
            super();
        }

        DurableReferenceStore(Map<String, Checkpoint> data) {
            super(data);
        }

        @Override
        public Set<Capability> capabilities() {
            return Set.of(Capability.DURABLE);
        }
    }
}
