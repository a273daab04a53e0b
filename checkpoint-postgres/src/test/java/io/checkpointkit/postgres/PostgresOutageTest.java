package io.checkpointkit.postgres;

import io.checkpointkit.Checkpoint;
import io.checkpointkit.CheckpointStoreUnavailableException;
import io.checkpointkit.spi.StoreUri;
import io.checkpointkit.testsupport.FaultProxy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PostgresOutageTest {

    private static final String PASSWORD = "s3cret-Pa55";

    private static String schema;

    @BeforeAll
    static void createSchema() {
        schema = TestDatabase.freshSchema("ckpt_outage");
    }

    @AfterAll
    static void dropSchema() {
        TestDatabase.dropSchema(schema);
    }

    @Test
    void aPortThatRefusesFailsWithinTheConnectTimeoutAndNeverShowsThePassword() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        String uri = "postgresql://app:" + PASSWORD + "@127.0.0.1:" + closedPort + "/db?connectTimeout=1s&poolSize=1";
        long started = System.nanoTime();

        assertThatThrownBy(() -> PostgresCheckpointStore.builder(uri).build())
                .isInstanceOf(CheckpointStoreUnavailableException.class)
                .satisfies(e -> assertNoPassword(e));
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(15));
    }

    @Test
    void theSameStoreRecoversAfterTheServerGoesAwayAndComesBack() throws Exception {
        StoreUri db = StoreUri.parse(TestDatabase.uri(), Map.of());
        try (FaultProxy proxy = FaultProxy.start(db.hosts().get(0).host(), db.hosts().get(0).portOr(5432))) {
            try (PostgresCheckpointStore store = PostgresCheckpointStore.builder(viaProxy(db, proxy)).build()) {
                Checkpoint cp = store.save(Checkpoint.builder("outage-" + UUID.randomUUID()).build());

                proxy.refuse();
                long started = System.nanoTime();
                assertThatThrownBy(() -> store.latest(cp.executionId()))
                        .isInstanceOf(CheckpointStoreUnavailableException.class)
                        .satisfies(e -> assertNoPassword(e));
                assertThatThrownBy(() -> store.save(cp))
                        .isInstanceOf(CheckpointStoreUnavailableException.class);
                assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(20));

                proxy.accept();
                assertThat(store.latest(cp.executionId())).contains(cp);
                assertThat(store.save(cp).version()).isEqualTo(2);
            }
        }
    }

    @Test
    void aServerThatStopsAnsweringTimesOutAndTheStoreRecovers() throws Exception {
        StoreUri db = StoreUri.parse(TestDatabase.uri(), Map.of());
        try (FaultProxy proxy = FaultProxy.start(db.hosts().get(0).host(), db.hosts().get(0).portOr(5432))) {
            try (PostgresCheckpointStore store = PostgresCheckpointStore.builder(viaProxy(db, proxy)).build()) {
                Checkpoint cp = store.save(Checkpoint.builder("silent-" + UUID.randomUUID()).build());

                proxy.stall();
                long started = System.nanoTime();
                assertThatThrownBy(() -> store.load(cp.id())).isInstanceOf(CheckpointStoreUnavailableException.class);
                assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(20));

                proxy.resume();
                assertThat(store.load(cp.id())).contains(cp);
            }
        }
    }

    @Test
    void terminatedBackendsSurfaceAsUnavailableAndAreReplaced() throws Exception {
        String application = "ckpt-outage-" + UUID.randomUUID().toString().substring(0, 8);
        try (PostgresCheckpointStore store = PostgresCheckpointStore.builder(TestDatabase.uri(schema, "terminated"))
                .poolSize(2).applicationName(application).build()) {
            Checkpoint cp = store.save(Checkpoint.builder("terminated-" + UUID.randomUUID()).build());

            assertThat(terminate(application)).isGreaterThanOrEqualTo(1);

            int unavailable = 0;
            Checkpoint loaded = null;
            for (int attempt = 0; attempt < 3 && loaded == null; attempt++) {
                try {
                    loaded = store.load(cp.id()).orElseThrow();
                } catch (CheckpointStoreUnavailableException e) {
                    unavailable++;
                }
            }
            assertThat(loaded).isEqualTo(cp);
            assertThat(unavailable).isLessThan(3);
            assertThat(backends(application)).isGreaterThanOrEqualTo(1);
        }
    }

    @Test
    void aStatementBlockedLongerThanTheStatementTimeoutIsCancelledAndTheConnectionStaysUsable() throws Exception {
        try (PostgresCheckpointStore store = PostgresCheckpointStore.builder(TestDatabase.uri(schema, "blocked"))
                .poolSize(1).statementTimeout(Duration.ofMillis(500)).build()) {
            Checkpoint cp = store.save(Checkpoint.builder("blocked-" + UUID.randomUUID()).build());
            try (Connection holder = TestDatabase.dataSource().getConnection()) {
                holder.setAutoCommit(false);
                try (PreparedStatement lock = holder.prepareStatement(
                        "SELECT 1 FROM \"" + schema + "\".blocked WHERE id = ? FOR UPDATE")) {
                    lock.setString(1, cp.id());
                    lock.executeQuery().close();
                }
                long started = System.nanoTime();
                assertThatThrownBy(() -> store.save(cp))
                        .isInstanceOf(CheckpointStoreUnavailableException.class)
                        .hasMessageContaining("57014");
                assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
                holder.rollback();
            }
            assertThat(store.save(cp).version()).isEqualTo(2);
        }
    }

    private static String viaProxy(StoreUri db, FaultProxy proxy) {
        return "postgresql://" + db.user().orElse("postgres") + ":" + password(db) + "@127.0.0.1:" + proxy.port()
                + db.path() + "?schema=" + schema + "&table=proxied&poolSize=2&connectTimeout=1s&timeout=2s";
    }

    // Trust authentication ignores the password; a server that checks it gets the real one.
    private static String password(StoreUri db) {
        return db.password().orElse(PASSWORD);
    }

    private static void assertNoPassword(Throwable e) {
        String password = password(StoreUri.parse(TestDatabase.uri(), Map.of()));
        for (Throwable t = e; t != null; t = t.getCause()) {
            for (String secret : List.of(PASSWORD, password)) {
                assertThat(String.valueOf(t.getMessage())).doesNotContain(secret);
                assertThat(t.toString()).doesNotContain(secret);
            }
        }
    }

    private static int terminate(String application) throws SQLException {
        return count("SELECT count(*) FILTER (WHERE pg_terminate_backend(pid)) FROM pg_stat_activity"
                + " WHERE application_name = ?", application);
    }

    private static int backends(String application) throws SQLException {
        return count("SELECT count(*) FROM pg_stat_activity WHERE application_name = ?", application);
    }

    private static int count(String sql, String application) throws SQLException {
        try (Connection c = TestDatabase.dataSource().getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, application);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }
}
