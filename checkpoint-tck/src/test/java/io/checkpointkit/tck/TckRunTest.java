package io.checkpointkit.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.checkpointkit.Checkpoint;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/** {@link Tck#run} runs the kit through the JUnit Platform Launcher and reports it. */
class TckRunTest {

    @Test
    void referenceStorePassesWithDurabilitySkipped() {
        TckReport report = Tck.run(ReferenceCheckpointStore::new);
        assertThat(report.successful()).as(report.summary()).isTrue();
        assertThat(report.failed()).isZero();
        assertThat(report.passed()).isGreaterThanOrEqualTo(150);
        assertThat(report.skippedTests()).extracting(TckReport.Outcome::test)
                .contains("Durability.savedCheckpointSurvivesReopen",
                        "Capabilities.storeWithTtlKeepsCheckpointsWithinTheirExpiry")
                .allMatch(name -> name.startsWith("Durability.") || name.startsWith("Capabilities."));
        assertThat(report.skippedTests()).filteredOn(o -> o.test().startsWith("Durability."))
                .allSatisfy(o -> assertThat(o.message()).contains("override", "reopen"));
    }

    @Test
    void reopenFunctionRunsTheDurabilityTests() {
        Map<String, Checkpoint> database = new HashMap<>();
        TckReport report = Tck.run(() -> new BrokenStoresTest.DurableReferenceStore(database),
                closed -> new BrokenStoresTest.DurableReferenceStore(database));
        assertThat(report.successful()).as(report.summary()).isTrue();
        assertThat(report.skippedTests()).extracting(TckReport.Outcome::test)
                .containsExactly("Capabilities.storeWithTtlKeepsCheckpointsWithinTheirExpiry");
    }

    @Test
    void summaryNamesCountsAndFailures() {
        TckReport report = Tck.run(BrokenStoresTest.NoCompareAndSetStore::new);
        assertThat(report.summary())
                .startsWith("CheckpointStore TCK: " + report.passed() + " passed, " + report.failed() + " failed, ")
                .contains("FAILED  Versions.saveWithStaleVersionIsRejected: ")
                .isEqualTo(report.toString());
        assertThat(report.failures()).allSatisfy(o -> assertThat(o.message()).isNotBlank());
        assertThat(report.duration()).isPositive();
    }

    @Test
    void storeFactoryFailureIsReportedNotThrown() {
        TckReport report = Tck.run(() -> {
            throw new IllegalStateException("cannot reach the server");
        });
        assertThat(report.passed()).isZero();
        assertThat(report.failures()).isNotEmpty()
                .allSatisfy(o -> assertThat(o.message()).contains("cannot reach the server"));
    }

    @Test
    void concurrentRunsAreSerialisedAndDoNotMixTheirStores() {
        List<Integer> callers = Collections.synchronizedList(new ArrayList<>());
        TckReport[] reports = new TckReport[2];
        Concurrently.run(2, Duration.ofMinutes(2), worker -> reports[worker] = Tck.run(() -> {
            callers.add(worker);
            return new ReferenceCheckpointStore();
        }));
        int switches = 0;
        for (int i = 1; i < callers.size(); i++) {
            switches += callers.get(i).equals(callers.get(i - 1)) ? 0 : 1;
        }
        assertThat(switches).as("one run's stores are all made before the other's").isEqualTo(1);
        for (int worker = 0; worker < 2; worker++) {
            TckReport report = reports[worker];
            assertThat(report.successful()).as(report.summary()).isTrue();
            assertThat(Collections.frequency(callers, worker)).isGreaterThanOrEqualTo(report.passed() + report.skipped());
        }
    }

    @Test
    void runRejectsANullSupplier() {
        assertThatThrownBy(() -> Tck.run(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void kitFoundOutsideARunIsDisabled() {
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        LauncherFactory.create().execute(LauncherDiscoveryRequestBuilder.request()
                .selectors(DiscoverySelectors.selectClass(SuppliedStoreTck.class)).build(), listener);
        TestExecutionSummary summary = listener.getSummary();
        assertThat(summary.getTestsFoundCount()).isGreaterThanOrEqualTo(100);
        assertThat(summary.getTestsStartedCount()).isZero();
        assertThat(summary.getContainersSkippedCount()).isPositive();
    }
}
