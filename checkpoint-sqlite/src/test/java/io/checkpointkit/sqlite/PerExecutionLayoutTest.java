package io.checkpointkit.sqlite;

import io.checkpointkit.Checkpoint;
import io.checkpointkit.ExecutionInfo;
import io.checkpointkit.testsupport.FakeClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PerExecutionLayoutTest {

    @TempDir
    Path dir;

    /** Where the tests' clocks start. */
    private static final Instant START = Instant.parse("2024-01-01T00:00:00Z");

    private List<Path> executionFiles(Path directory) throws IOException {
        try (Stream<Path> s = Files.list(directory)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".db")).collect(Collectors.toList());
        }
    }

    @Test
    void hostileExecutionIdsGetDistinctSafeFilesInsideTheDirectory() throws IOException {
        Path sessions = dir.resolve("sessions");
        List<String> ids = List.of("../x", "a/b", "a\\b", "CON", "con", "Con.txt", "..", ".", "NUL",
                "\uD83D\uDE00".repeat(512), "x".repeat(512), "x".repeat(511) + "y", "A", "a");
        try (SqliteCheckpointStore store = SqliteCheckpointStore.builder().directory(sessions).build()) {
            for (String id : ids) {
                store.save(Checkpoint.builder(id).id("cp-" + ids.indexOf(id)).build());
            }
            for (String id : ids) {
                assertThat(store.list(id)).extracting(Checkpoint::id).containsExactly("cp-" + ids.indexOf(id));
            }
        }
        List<Path> files = executionFiles(sessions);
        assertThat(files).hasSize(ids.size());
        Set<String> lowerCaseNames = files.stream().map(p -> p.getFileName().toString().toLowerCase())
                .collect(Collectors.toSet());
        assertThat(lowerCaseNames).as("distinct even on a case-insensitive file system").hasSize(ids.size());
        for (Path f : files) {
            assertThat(f.getParent()).isEqualTo(sessions);
            assertThat(f.getFileName().toString().getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(100);
            assertThat(f.getFileName().toString()).matches("[a-z0-9]+_[0-9a-f]{64}\\.db");
        }
        assertThat(dir.resolve("x")).doesNotExist();
        assertThat(dir.resolve("a")).doesNotExist();
    }

    @Test
    void hostileDirectoryNamesWork() {
        for (String name : List.of("with space", "q?uery=1&x#frag", "per%cent%20", "\uD83D\uDE00", "semi;colon'")) {
            Path d = dir.resolve(name);
            try (SqliteCheckpointStore store = SqliteCheckpointStore.builder().directory(d).build()) {
                store.save(Checkpoint.builder("e").id("1").build());
            }
            try (SqliteCheckpointStore store = SqliteCheckpointStore.builder().directory(d).build()) {
                assertThat(store.load("1")).isPresent();
            }
            Path f = dir.resolve(name + ".db");
            try (SqliteCheckpointStore store = SqliteCheckpointStore.builder().path(f).build()) {
                store.save(Checkpoint.builder("e").id("1").build());
            }
            assertThat(f).isRegularFile();
        }
    }

    @Test
    void openFilesStayWithinTheBoundLeastRecentlyUsedFirst() throws Exception {
        try (SqliteCheckpointStore store = SqliteCheckpointStore.builder().directory(dir.resolve("s"))
                .maxOpenFiles(3).build()) {
            for (int i = 0; i < 20; i++) {
                store.save(Checkpoint.builder("e" + i).id("c" + i).build());
                assertThat(openFiles(store)).isLessThanOrEqualTo(3);
            }
            for (int i = 0; i < 20; i++) {
                assertThat(store.load("c" + i)).isPresent();
                assertThat(store.latest("e" + i)).isPresent();
                assertThat(openFiles(store)).isLessThanOrEqualTo(3);
            }
            assertThat(store.executions(null, 100).items()).hasSize(20);
            assertThat(openFiles(store)).isLessThanOrEqualTo(3);
        }
    }

    private static int openFiles(SqliteCheckpointStore store) throws Exception {
        java.lang.reflect.Field f = SqliteCheckpointStore.class.getDeclaredField("engine");
        f.setAccessible(true);
        return ((io.checkpointkit.sqlite.internal.PerExecutionEngine) f.get(store)).openFileCount();
    }

    @Test
    void idleExecutionsAreRemovedWithTheirFiles() throws IOException {
        FakeClock clock = new FakeClock(START);
        Path sessions = dir.resolve("s");
        try (SqliteCheckpointStore store = SqliteCheckpointStore.builder().directory(sessions).clock(clock).build()) {
            store.save(Checkpoint.builder("old").id("o1").build());
            store.save(Checkpoint.builder("old").id("o2").build());
            clock.advance(Duration.ofHours(2));
            store.save(Checkpoint.builder("fresh").id("f1").build());
            clock.advance(Duration.ofMinutes(30));

            assertThat(store.removeIdleExecutions(Duration.ofHours(1))).isEqualTo(1);
            assertThat(store.list("old")).isEmpty();
            assertThat(store.load("o1")).isEmpty();
            assertThat(store.list("fresh")).hasSize(1);
            assertThat(store.executions(null, 10).items()).extracting(ExecutionInfo::executionId)
                    .containsExactly("fresh");
            assertThat(executionFiles(sessions)).hasSize(1);
            // ids of a removed execution are free again
            assertThat(store.save(Checkpoint.builder("fresh").id("o1").build()).version()).isEqualTo(1);
            assertThat(store.removeIdleExecutions(Duration.ofHours(1))).isZero();
        }
        try (SqliteCheckpointStore store = SqliteCheckpointStore.builder().directory(sessions).build()) {
            assertThat(store.list("fresh")).extracting(Checkpoint::id).containsExactlyInAnyOrder("f1", "o1");
        }
    }

    @Test
    void cleanupWhileTheStoreIsInUseLosesNothingThatIsNotIdle() throws Exception {
        FakeClock clock = new FakeClock(START);
        try (SqliteCheckpointStore store = SqliteCheckpointStore.builder().directory(dir.resolve("s"))
                .clock(clock).maxOpenFiles(8).build()) {
            for (int i = 0; i < 10; i++) {
                store.save(Checkpoint.builder("idle" + i).id("idle-" + i).build());
            }
            clock.advance(Duration.ofDays(1));
            int writers = 4;
            CountDownLatch started = new CountDownLatch(writers);
            AtomicReference<Throwable> failure = new AtomicReference<>();
            List<Thread> threads = new ArrayList<>();
            List<List<String>> acknowledged = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                int n = w;
                List<String> acks = new ArrayList<>();
                acknowledged.add(acks);
                Thread t = new Thread(() -> {
                    try {
                        for (int k = 0; k < 200; k++) {
                            acks.add(store.save(Checkpoint.builder("busy" + n).id("b-" + n + "-" + k).build()).id());
                            store.latest("busy" + n);
                            if (k == 0) {
                                started.countDown();
                            }
                        }
                    } catch (Throwable e) {
                        failure.set(e);
                        started.countDown();
                    }
                });
                threads.add(t);
                t.start();
            }
            started.await();
            int removed = 0;
            for (int round = 0; round < 20; round++) {
                removed += store.removeIdleExecutions(Duration.ofHours(1));
            }
            for (Thread t : threads) {
                t.join();
            }
            assertThat(failure.get()).isNull();
            assertThat(removed).isEqualTo(10);
            for (int w = 0; w < writers; w++) {
                assertThat(store.list("busy" + w)).extracting(Checkpoint::id)
                        .containsExactlyInAnyOrderElementsOf(acknowledged.get(w));
            }
            assertThat(store.executions(null, 100).items()).extracting(ExecutionInfo::executionId)
                    .containsExactly("busy0", "busy1", "busy2", "busy3");
        }
    }

    @Test
    void staleIndexEntriesAreIgnoredAndRepaired() throws Exception {
        Path sessions = dir.resolve("s");
        try (SqliteCheckpointStore store = SqliteCheckpointStore.builder().directory(sessions).build()) {
            store.save(Checkpoint.builder("a").id("x").build());
        }
        // Simulate a crash between the index commit and the execution file commit: the index
        // says x belongs to b, but b has no such row (and no file).
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + sessions.resolve("index.sqlite"))) {
            c.createStatement().executeUpdate("INSERT INTO ids (id, execution_id) VALUES ('ghost', 'b')");
            c.createStatement().executeUpdate("INSERT INTO executions VALUES ('b', 'nofile.db', 0)");
        }
        try (SqliteCheckpointStore store = SqliteCheckpointStore.builder().directory(sessions).build()) {
            assertThat(store.load("ghost")).isEmpty();
            assertThat(store.delete("ghost")).isFalse();
            assertThat(store.executions(null, 10).items()).extracting(ExecutionInfo::executionId).containsExactly("a");
            assertThat(store.save(Checkpoint.builder("c").id("ghost").build()).version()).isEqualTo(1);
            assertThat(store.load("ghost")).hasValueSatisfying(cp -> assertThat(cp.executionId()).isEqualTo("c"));
        }
    }

    @Test
    void singleLayoutHasNoIdleCleanup() {
        try (SqliteCheckpointStore store = SqliteCheckpointStore.builder().path(dir.resolve("x.db")).build()) {
            assertThatThrownBy(() -> store.removeIdleExecutions(Duration.ofHours(1)))
                    .isInstanceOf(UnsupportedOperationException.class);
            assertThatThrownBy(() -> store.removeIdleExecutions(Duration.ofHours(-1)))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }
}
