package io.checkpointkit.postgres;

import io.checkpointkit.spi.StoreUri;
import io.checkpointkit.testsupport.FaultProxy;
import io.checkpointkit.testsupport.FaultRounds;
import io.checkpointkit.testsupport.FaultWorkload;
import io.checkpointkit.testsupport.WorkloadReport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fault-injection suite: six threads save, update (compare-and-set), trim, delete and read
 * through one store while a fault is injected three times; then every invariant of
 * {@link FaultWorkload} is checked (no acknowledged write lost, nothing stored that was not
 * written, one compare-and-set winner per version, no id in two executions, no delete undone)
 * and, after each fault, the same store must serve again without being reopened.
 *
 * <p>The faults: a {@link FaultProxy} between the store and the shared server cuts (FIN),
 * resets (RST), stalls (longer than the store's timeout) and refuses connections;
 * {@code pg_terminate_backend} of the store's own sessions, found by an application name no
 * other session has; and statement timeouts, made by holding an exclusive lock on the store's
 * table (in its own schema) longer than the store's {@code statementTimeout}. Each fault class
 * gets a fresh store and schema. The figures are printed (one line per fault, prefixed
 * {@code FAULT}) and quoted in the README.
 */
class PostgresFaultInjectionTest {

    private static final int ROUNDS = 3;
    private static final Duration FAULT_LENGTH = Duration.ofMillis(1500);
    private static final Duration SERVE_AGAIN_WITHIN = Duration.ofSeconds(30);
    private static final Duration STATEMENT_TIMEOUT = Duration.ofMillis(500);
    private static final List<String> FIGURES = new ArrayList<>();

    private static String schema;

    enum Fault {
        CUT("proxy cuts every connection (FIN)"),
        RESET("proxy resets every connection (RST)"),
        STALL("proxy stalls every connection 1.5 s (timeout 1 s)"),
        REFUSE("proxy refuses connections for 1.5 s"),
        TERMINATE("pg_terminate_backend of the store's sessions"),
        STATEMENT_TIMEOUT("table locked 1.5 s (statementTimeout 500 ms)");

        final String description;

        Fault(String description) {
            this.description = description;
        }
    }

    @BeforeAll
    static void createSchema() {
        schema = TestDatabase.freshSchema("ckpt_fault");
    }

    @AfterAll
    static void dropSchemaAndPrintFigures() {
        TestDatabase.dropSchema(schema);
        FIGURES.forEach(System.out::println);
    }

    @ParameterizedTest
    @EnumSource(Fault.class)
    void noAcknowledgedWriteIsLostAndTheSameStoreServesAgain(Fault fault) throws Exception {
        StoreUri db = StoreUri.parse(TestDatabase.uri(), Map.of());
        String application = "ckpt-fault-" + UUID.randomUUID().toString().substring(0, 8);
        String table = "fault_" + fault.name().toLowerCase(java.util.Locale.ROOT);
        try (FaultProxy proxy = FaultProxy.start(db.hosts().get(0).host(), db.hosts().get(0).portOr(5432));
             PostgresCheckpointStore store = PostgresCheckpointStore.builder(viaProxy(db, proxy, table))
                     .applicationName(application).build()) {
            FaultWorkload workload = FaultWorkload.builder(store).threads(6).build();
            AtomicInteger terminated = new AtomicInteger();
            FaultRounds.Result result = FaultRounds.builder().rounds(ROUNDS).serveAgainWithin(SERVE_AGAIN_WITHIN).build()
                    .run(workload, round -> {
                        switch (fault) {
                            case CUT -> proxy.cut();
                            case RESET -> proxy.reset();
                            case STALL -> proxy.stallFor(FAULT_LENGTH);
                            case REFUSE -> proxy.refuseFor(FAULT_LENGTH);
                            case TERMINATE -> terminated.addAndGet(terminate(application));
                            case STATEMENT_TIMEOUT -> lockTable(TableName.of(schema, table));
                        }
                    });
            WorkloadReport report = result.report();
            FIGURES.add(result.figures(fault + " " + fault.description));

            report.assertNoViolations();
            assertThat(report.lostAcknowledgedWrites()).isZero();
            assertThat(report.acknowledgedWrites()).isPositive();
            assertThat(report.failures()).as("the fault reached the store").containsKey("CheckpointStoreUnavailableException");
            if (fault == Fault.TERMINATE) {
                assertThat(terminated.get()).isGreaterThanOrEqualTo(ROUNDS);
            }
        }
    }

    // poolSize 4 for 6 workers and the probe: callers also wait for connections under fault.
    private static String viaProxy(StoreUri db, FaultProxy proxy, String table) {
        return "postgresql://" + db.user().orElse("postgres") + db.password().map(p -> ":" + p).orElse("")
                + "@127.0.0.1:" + proxy.port() + db.path() + "?schema=" + schema + "&table=" + table
                + "&poolSize=4&connectTimeout=1s&timeout=1s&statementTimeout=" + STATEMENT_TIMEOUT.toMillis() + "ms";
    }

    /** Terminates only this store's sessions: the application name is this test's alone. */
    private static int terminate(String application) throws SQLException {
        try (Connection c = TestDatabase.dataSource().getConnection(); PreparedStatement s = c.prepareStatement(
                "SELECT count(*) FILTER (WHERE pg_terminate_backend(pid)) FROM pg_stat_activity"
                        + " WHERE application_name = ? AND pid <> pg_backend_pid()")) {
            s.setString(1, application);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    /** Every statement on the table waits for the lock, and the server cancels it at the statement timeout. */
    private static void lockTable(TableName table) throws SQLException, InterruptedException {
        try (Connection c = TestDatabase.dataSource().getConnection()) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.execute("LOCK TABLE " + table.qualified() + " IN ACCESS EXCLUSIVE MODE");
            }
            Thread.sleep(FAULT_LENGTH.toMillis());
            c.rollback();
        }
    }
}
