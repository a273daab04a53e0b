package io.checkpointkit.sqlite;

import io.checkpointkit.Checkpoint;
import io.checkpointkit.ExecutionInfo;
import io.checkpointkit.ExecutionPage;
import io.checkpointkit.UnreadableExecution;
import io.checkpointkit.retention.RetentionPolicy;
import io.checkpointkit.retention.RetentionSweeper;
import io.checkpointkit.retention.SweepSummary;
import io.checkpointkit.sqlite.internal.FileNames;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 12, item 3: in the per-execution layout one execution file that is not a database must not
 * stop {@code executions()}, nor the sweeps built on it: it is paged past and reported.
 */
class UnreadableExecutionFileTest {

    @TempDir
    Path dir;

    /** Five executions e1..e5 of two checkpoints each, then e3's file overwritten with garbage. */
    private Path directoryWithOneGarbageFile() throws Exception {
        Path sessions = dir.resolve("sessions");
        try (SqliteCheckpointStore store = SqliteCheckpointStore.builder().directory(sessions).build()) {
            for (int e = 1; e <= 5; e++) {
                for (int n = 0; n < 2; n++) {
                    store.save(Checkpoint.builder("e" + e).id("e" + e + "-" + n).build());
                }
            }
        }
        Path garbage = sessions.resolve(FileNames.forExecution("e3"));
        for (String suffix : List.of("-wal", "-shm")) {
            Files.deleteIfExists(garbage.resolveSibling(garbage.getFileName() + suffix));
        }
        Files.write(garbage, "this is not a SQLite database, just some text".repeat(100).getBytes(StandardCharsets.UTF_8));
        return sessions;
    }

    @Test
    void executionsPagePastAnUnreadableFileAndReportIt() throws Exception {
        Path sessions = directoryWithOneGarbageFile();
        try (SqliteCheckpointStore store = SqliteCheckpointStore.builder().directory(sessions).build()) {
            for (int pageSize : List.of(1, 2, 3, 100)) {
                List<String> listed = new ArrayList<>();
                List<UnreadableExecution> unreadable = new ArrayList<>();
                String after = null;
                while (true) {
                    ExecutionPage page = store.executions(after, pageSize);
                    page.items().forEach(info -> listed.add(info.executionId()));
                    unreadable.addAll(page.unreadable());
                    if (page.nextAfter().isEmpty()) {
                        break;
                    }
                    after = page.nextAfter().get();
                }
                assertThat(listed).as("page size %d", pageSize).containsExactly("e1", "e2", "e4", "e5");
                assertThat(unreadable).as("page size %d", pageSize).hasSize(1);
                assertThat(unreadable.get(0).executionId()).isEqualTo("e3");
                assertThat(unreadable.get(0).reason()).contains(FileNames.forExecution("e3"));
            }
        }
    }

    @Test
    void aSweepGoesOnPastAnUnreadableFileAndReportsIt() throws Exception {
        Path sessions = directoryWithOneGarbageFile();
        try (SqliteCheckpointStore store = SqliteCheckpointStore.builder().directory(sessions).build()) {
            SweepSummary summary = RetentionSweeper.builder(store, RetentionPolicy.keepLatest(1)).pageSize(2)
                    .build().sweepOnce();

            assertThat(summary.executionsScanned()).isEqualTo(4);
            assertThat(summary.executionsTrimmed()).isEqualTo(4);
            assertThat(summary.complete()).isTrue();
            assertThat(summary.failures()).isZero();
            assertThat(summary.executionsUnreadable()).isEqualTo(1);
            assertThat(summary.unreadable()).extracting(UnreadableExecution::executionId).containsExactly("e3");
            for (String e : List.of("e1", "e2", "e4", "e5")) {
                assertThat(store.list(e)).extracting(Checkpoint::id).containsExactly(e + "-1");
            }
            assertThat(store.executions(null, 100).items()).extracting(ExecutionInfo::checkpointCount)
                    .containsOnly(1L);
        }
    }
}
