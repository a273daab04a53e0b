package io.checkpointkit.postgres;

import io.checkpointkit.Checkpoint;
import io.checkpointkit.CheckpointConflictException;
import io.checkpointkit.CheckpointCorruptedException;
import io.checkpointkit.CheckpointQuery;
import io.checkpointkit.CheckpointStore;
import io.checkpointkit.CheckpointStores;
import io.checkpointkit.ExecutionInfo;
import io.checkpointkit.ExecutionPage;
import io.checkpointkit.spi.StoreUri;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

import javax.sql.DataSource;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PostgresCheckpointStoreTest {

    private static String schema;
    private static PostgresCheckpointStore store;

    @BeforeAll
    static void open() {
        schema = TestDatabase.freshSchema("ckpt_store");
        store = PostgresCheckpointStore.builder(TestDatabase.uri(schema, "checkpoints") + "&poolSize=2").build();
    }

    @AfterAll
    static void close() {
        if (store != null) {
            store.close();
        }
        TestDatabase.dropSchema(schema);
    }

    private static String execution() {
        return "exec-" + UUID.randomUUID();
    }

    @Test
    void saveAssignsVersionsAndLoadRoundTripsEveryField() {
        String exec = execution();
        Checkpoint cp = Checkpoint.builder(exec).id("cp-" + UUID.randomUUID()).parentId("parent")
                .nodeName("plan").state(new byte[] {0, 1, 2, (byte) 255})
                .metadata(Map.of("step", "7", "source", "loop")).timestamp(Instant.parse("2024-05-06T07:08:09.123456Z"))
                .build();

        Checkpoint first = store.save(cp);
        Checkpoint second = store.save(cp);

        assertThat(first.version()).isEqualTo(1);
        assertThat(second.version()).isEqualTo(2);
        assertThat(store.load(cp.id())).contains(cp.withVersion(2));
    }

    @Test
    void hostileIdsAndMetadataRoundTrip() {
        List<String> hostile = List.of("'; DROP TABLE checkpoints; --", "\"quoted\"", "{}", "a:b/c/../d", "100%_*",
                "with space", "emoji 😀🎉", "back\\slash", "$1 ?::jsonb @> '{}'", "{\"pinned\":\"true\"}",
                "KEYS * EVAL", "é".repeat(512), "𝄞".repeat(512));
        String exec = "exec 'x\" {}/.. " + UUID.randomUUID() + " 😀";
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("quote'\"", "back\\slash\\u0000-not-a-nul");
        metadata.put("{\"json\": [1]}", "@> ? ?| ?& #> -> ->>");
        metadata.put("ünïcødé 😀", "\u2028\u2029 tab\tnewline\n");
        List<Checkpoint> saved = new ArrayList<>();
        long micros = 0;
        for (String id : hostile) {
            saved.add(store.save(Checkpoint.builder(exec).id(id)
                    .metadata(metadata).timestamp(Instant.EPOCH.plusNanos(1000 * micros++)).build()));
        }
        for (Checkpoint cp : saved) {
            assertThat(store.load(cp.id())).contains(cp);
        }
        assertThat(store.list(exec)).containsExactlyElementsOf(saved);
        assertThat(store.list(exec, CheckpointQuery.builder().metadata("{\"json\": [1]}", "@> ? ?| ?& #> -> ->>")
                .build())).hasSize(hostile.size());
        assertThat(store.list(exec, CheckpointQuery.builder().metadata("quote'\"", "back\\slash").build())).isEmpty();
        assertThat(store.trim(exec, 0)).isEqualTo(hostile.size());
    }

    @Test
    void idsOrderByCodePointNotByUtf16() {
        String exec = execution();
        Instant ts = Instant.parse("2024-01-01T00:00:00Z");
        // U+FFFD sorts before U+1F600 by code point, after it in String.compareTo (surrogates).
        Checkpoint supplementary = store.save(Checkpoint.builder(exec).id("\uD83D\uDE00").timestamp(ts).build());
        Checkpoint bmp = store.save(Checkpoint.builder(exec).id("\uFFFD").timestamp(ts).build());
        Checkpoint ascii = store.save(Checkpoint.builder(exec).id("Z").timestamp(ts).build());

        assertThat(store.list(exec)).containsExactly(ascii, bmp, supplementary);
        assertThat(store.latest(exec)).contains(supplementary);
    }

    @Test
    void extremeTimestampsRoundTripExactly() {
        String exec = execution();
        Checkpoint min = store.save(Checkpoint.builder(exec).timestamp(Checkpoint.MIN_TIMESTAMP).build());
        Checkpoint max = store.save(Checkpoint.builder(exec).timestamp(Checkpoint.MAX_TIMESTAMP).build());

        assertThat(store.list(exec)).containsExactly(min, max);
    }

    @Test
    void conflictsSayWhy() {
        String exec = execution();
        Checkpoint cp = store.save(Checkpoint.builder(exec).id("cas-" + UUID.randomUUID()).build());

        assertThatThrownBy(() -> store.save(cp.toBuilder().version(5).build()))
                .isInstanceOf(CheckpointConflictException.class).hasMessageContaining("stored version is 1");
        assertThatThrownBy(() -> store.save(Checkpoint.builder(exec).id("absent-" + UUID.randomUUID()).version(1).build()))
                .isInstanceOf(CheckpointConflictException.class).hasMessageContaining("nothing is stored");
        Checkpoint moved = Checkpoint.builder(execution()).id(cp.id()).build();
        assertThatThrownBy(() -> store.save(moved)).isInstanceOf(CheckpointConflictException.class)
                .hasMessageContaining("another execution");
        assertThatThrownBy(() -> store.save(moved.toBuilder().version(1).build()))
                .isInstanceOf(CheckpointConflictException.class).hasMessageContaining("another execution");
        assertThat(store.load(cp.id())).contains(cp);
    }

    @Test
    void queriesSelectByCursorsAndMetadataThenOrderThenLimit() {
        String exec = execution();
        List<Checkpoint> all = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            all.add(store.save(Checkpoint.builder(exec).id("q" + i).timestamp(Instant.ofEpochSecond(1000 + i))
                    .putMetadata("parity", i % 2 == 0 ? "even" : "odd").build()));
        }
        CheckpointQuery q = CheckpointQuery.builder().after("q1").before("q8").metadata("parity", "even")
                .newestFirst(true).limit(2).build();

        assertThat(store.list(exec, q)).containsExactly(all.get(6), all.get(4));
        assertThat(store.list(exec, q)).isEqualTo(q.apply(all));
        assertThat(store.list(exec, CheckpointQuery.builder().after("not-there").build())).isEmpty();
        assertThat(store.list(exec, CheckpointQuery.builder().limit(0).build())).isEmpty();
    }

    @Test
    void trimKeepsTheNewestUnpinnedAndEveryPinned() {
        String exec = execution();
        List<Checkpoint> all = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            all.add(store.save(Checkpoint.builder(exec).id("t" + (char) ('a' + i)).timestamp(Instant.ofEpochSecond(5))
                    .pinned(i == 0 || i == 11).build()));
        }

        assertThat(store.trim(exec, 3)).isEqualTo(7);
        assertThat(store.list(exec)).containsExactly(all.get(0), all.get(8), all.get(9), all.get(10), all.get(11));
        assertThat(store.trim(exec, 3)).isZero();
        assertThat(store.trim(exec, 0)).isEqualTo(3);
        assertThat(store.list(exec)).containsExactly(all.get(0), all.get(11));
    }

    @Test
    void executionsArePagedInCodePointOrder() {
        String prefix = "page-" + UUID.randomUUID() + "-";
        // Only this test's executions count: page from just before the prefix.
        List<String> ids = List.of(prefix + "A", prefix + "b", prefix + "\uFFFD", prefix + "\uD83D\uDE00");
        for (String id : ids) {
            store.save(Checkpoint.builder(id).timestamp(Instant.ofEpochSecond(7)).build());
            store.save(Checkpoint.builder(id).timestamp(Instant.ofEpochSecond(9)).build());
        }
        List<ExecutionInfo> seen = new ArrayList<>();
        String after = prefix;
        while (seen.size() < ids.size()) {
            ExecutionPage page = store.executions(after, 1);
            assertThat(page.items()).hasSize(1);
            seen.addAll(page.items());
            after = page.nextAfter().orElseThrow();
        }
        assertThat(seen).extracting(ExecutionInfo::executionId).containsExactlyElementsOf(ids);
        assertThat(seen).allSatisfy(info -> {
            assertThat(info.checkpointCount()).isEqualTo(2);
            assertThat(info.lastTimestamp()).isEqualTo(Instant.ofEpochSecond(9));
        });
    }

    @Test
    void aRowWrittenByHandThatIsNoCheckpointIsReportedAsCorruptedAndOthersStayReadable() {
        String exec = execution();
        Checkpoint good = store.save(Checkpoint.builder(exec).build());
        String badId = "bad-" + UUID.randomUUID();
        TestDatabase.execute("INSERT INTO \"" + schema + "\".checkpoints (id, execution_id, node_name, state, metadata,"
                + " ts, version) VALUES ('" + badId + "', 'elsewhere', '', '', '{\"nested\": {\"not\": \"a string\"}}',"
                + " now(), 1)");

        assertThatThrownBy(() -> store.load(badId)).isInstanceOf(CheckpointCorruptedException.class)
                .hasMessageContaining(badId)
                .satisfies(e -> assertThat(((CheckpointCorruptedException) e).checkpointId()).isEqualTo(badId));
        assertThat(store.load(good.id())).contains(good);
        assertThat(store.delete(badId)).isTrue();
    }

    @Test
    void bigStateRoundTrips() {
        byte[] state = new byte[16 * 1024 * 1024];
        for (int i = 0; i < state.length; i++) {
            state[i] = (byte) (i * 31 + (i >>> 11));
        }
        Checkpoint cp = store.save(Checkpoint.builder(execution()).state(state).build());

        assertThat(store.load(cp.id()).orElseThrow().state()).isEqualTo(state);
    }

    @Test
    void hostileTableAndSchemaNamesAreRejectedBeforeAnyIo() {
        String refusing = "postgresql://nobody@127.0.0.1:1/none";
        assertThatThrownBy(() -> PostgresCheckpointStore.builder(refusing + "?table=x;%20drop%20table%20y"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("table must be a plain identifier");
        assertThatThrownBy(() -> PostgresCheckpointStore.builder(refusing).table("x; drop table y"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PostgresCheckpointStore.builder(refusing).schema("public\".\"evil"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PostgresCheckpointStore.builder(refusing).schema("pg_catalog"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PostgresCheckpointStore.builder(refusing).table("t".repeat(41)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void unknownAndInvalidOptionsAreRejected() {
        assertThatThrownBy(() -> CheckpointStores.open(TestDatabase.withOptions("tabel=x")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("tabel");
        assertThatThrownBy(() -> CheckpointStores.open(TestDatabase.withOptions("poolSize=0")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("poolSize");
        assertThatThrownBy(() -> CheckpointStores.open(TestDatabase.withOptions("connectTimeout=soon")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("connectTimeout");
        assertThatThrownBy(() -> CheckpointStores.open(TestDatabase.withOptions("sslmode=sometimes")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sslmode");
    }

    @Test
    void openedByUriThroughTheProviderAndNeverShowsThePassword() {
        String table = "by_uri";
        StoreUri db = StoreUri.parse(TestDatabase.uri(), Map.of());
        // Trust authentication ignores the password; a server that checks it gets the real one.
        String password = db.password().orElse("pa55-w0rd");
        String uri = "postgresql://" + db.user().orElse("postgres") + ":" + password + "@" + db.hosts().get(0)
                + db.path() + "?schema=" + schema + "&table=" + table + "&poolSize=1&timeout=5s&connectTimeout=PT2S";
        try (CheckpointStore opened = CheckpointStores.open(uri)) {
            assertThat(opened).isInstanceOf(PostgresCheckpointStore.class);
            Checkpoint cp = opened.save(Checkpoint.builder(execution()).build());
            assertThat(opened.load(cp.id())).contains(cp);
            assertThat(opened.toString()).contains(table).doesNotContain(password);
        }
    }

    @Test
    void worksOnTheCallersDataSourceWithoutAutocommitAndLeavesItOpen() throws SQLException {
        ManualCommitDataSource ds = new ManualCommitDataSource(TestDatabase.dataSource());
        String exec = execution();
        Checkpoint cp;
        try (PostgresCheckpointStore own = PostgresCheckpointStore.builder(ds).schema(schema).table("manual").build()) {
            cp = own.save(Checkpoint.builder(exec).build());
            assertThat(own.latest(exec)).contains(cp);
            assertThat(own.trim(exec, 0)).isEqualTo(1);
            own.save(cp.withVersion(0));
            assertThatThrownBy(() -> PostgresCheckpointStore.builder(ds).poolSize(3))
                    .isInstanceOf(IllegalStateException.class);
        }
        // Committed: a fresh connection sees it; the data source still works after close.
        try (Connection c = ds.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM \"" + schema + "\".manual WHERE execution_id = '"
                     + exec.replace("'", "''") + "'")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(1);
        }
        assertThat(ds.opened.get()).isGreaterThan(3);
    }

    @Test
    void closedStoreRejectsCallsAndCloseIsIdempotent() {
        PostgresCheckpointStore other = PostgresCheckpointStore.builder(TestDatabase.uri(schema, "closing") + "&poolSize=1")
                .build();
        other.close();
        other.close();

        assertThatThrownBy(() -> other.latest("x")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> other.save(Checkpoint.builder("x").build())).isInstanceOf(IllegalStateException.class);
        assertThat(other.toString()).contains("closed");
    }

    @Test
    void badArgumentsFailBeforeIo() {
        assertThatThrownBy(() -> store.load(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> store.list("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.trim("x", -1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.executions(null, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.list("x\u0007")).isInstanceOf(IllegalArgumentException.class);
    }

    /** Hands out connections in manual-commit mode, as some application pools do. */
    static final class ManualCommitDataSource implements DataSource {
        private final PGSimpleDataSource delegate;
        final AtomicInteger opened = new AtomicInteger();

        ManualCommitDataSource(PGSimpleDataSource delegate) {
            this.delegate = delegate;
        }

        @Override
        public Connection getConnection() throws SQLException {
            Connection c = delegate.getConnection();
            c.setAutoCommit(false);
            opened.incrementAndGet();
            return c;
        }

        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            throw new SQLFeatureNotSupportedException();
        }

        @Override
        public PrintWriter getLogWriter() {
            return null;
        }

        @Override
        public void setLogWriter(PrintWriter out) {
        }

        @Override
        public void setLoginTimeout(int seconds) {
        }

        @Override
        public int getLoginTimeout() {
            return 0;
        }

        @Override
        public Logger getParentLogger() throws SQLFeatureNotSupportedException {
            throw new SQLFeatureNotSupportedException();
        }

        @Override
        public <T> T unwrap(Class<T> iface) throws SQLException {
            throw new SQLException("not a wrapper");
        }

        @Override
        public boolean isWrapperFor(Class<?> iface) {
            return false;
        }
    }
}
