package io.checkpointkit.tck;

import io.checkpointkit.CheckpointStore;

import java.util.Objects;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.launcher.EngineFilter;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * Runs the compatibility test kit programmatically, through the JUnit Platform Launcher, and
 * returns a report; for tools (such as {@code checkpointctl tck}) that check a live store
 * without a JUnit test class.
 *
 * <pre>{@code
 * TckReport report = Tck.run(() -> CheckpointStores.open("postgresql://localhost/test"));
 * System.out.println(report.summary());
 * }</pre>
 *
 * <p>Runs are serialised: the store supplier is handed to the tests through a static holder,
 * so a second call waits until the first has finished. Within a run the tests execute one
 * after another, whatever {@code junit-platform.properties} says.
 */
public final class Tck {

    private static final Object RUN_LOCK = new Object();

    private Tck() {
    }

    /**
     * Runs the whole kit; the durability tests are skipped.
     *
     * @param stores makes a new open store for every test; the kit closes each one. Stores may
     *     share their data: tests isolate themselves with random ids
     * @return the report of the run
     * @throws NullPointerException if {@code stores} is null
     */
    public static TckReport run(Supplier<CheckpointStore> stores) {
        return run(stores, null);
    }

    /**
     * Runs the whole kit, the durability tests included when {@code reopen} is given.
     *
     * @param stores makes a new open store for every test; the kit closes each one
     * @param reopen opens a new store on the same location as the (already closed) store it is
     *     given, or returns null when it cannot; null skips the durability tests
     * @return the report of the run
     * @throws NullPointerException if {@code stores} is null
     */
    public static TckReport run(Supplier<CheckpointStore> stores, UnaryOperator<CheckpointStore> reopen) {
        Objects.requireNonNull(stores, "stores must not be null");
        synchronized (RUN_LOCK) {
            SuppliedStoreTck.install(stores, reopen);
            try {
                LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                        .selectors(DiscoverySelectors.selectClass(SuppliedStoreTck.class))
                        .filters(EngineFilter.includeEngines("junit-jupiter"))
                        .configurationParameter("junit.jupiter.execution.parallel.enabled", "false")
                        .configurationParameter("junit.jupiter.testinstance.lifecycle.default", "per_method")
                        .build();
                Launcher launcher = LauncherFactory.create();
                ReportingListener listener = new ReportingListener();
                launcher.execute(request, listener);
                return listener.report();
            } finally {
                SuppliedStoreTck.uninstall();
            }
        }
    }
}
