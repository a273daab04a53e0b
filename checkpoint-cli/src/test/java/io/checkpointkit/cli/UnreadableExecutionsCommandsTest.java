package io.checkpointkit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.checkpointkit.Checkpoint;
import io.checkpointkit.CheckpointStore;
import io.checkpointkit.sqlite.internal.FileNames;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12, item 3: a per-execution directory where one execution file is not a database.
 * {@code trim --all}, {@code sweep} and {@code migrate} go on past it, report it, and say so in
 * their exit code.
 */
class UnreadableExecutionsCommandsTest {

    private static final Instant LONG_AGO = Instant.parse("2026-10-01T00:00:00Z");

    @TempDir
    Path dir;

    private final Cli cli = new Cli();
    private String uri;

    /** a, b (bad), c, d: three checkpoints each, written long ago; b's file is then garbage. */
    @BeforeEach
    void directoryWithOneGarbageFile() throws Exception {
        Path sessions = dir.resolve("sessions");
        uri = "sqlite:" + sessions + "?layout=per-execution";
        cli.writeClock.set(LONG_AGO);
        try (CheckpointStore store = cli.open(uri)) {
            for (String e : List.of("a", "b", "c", "d")) {
                for (int n = 0; n < 3; n++) {
                    store.save(Checkpoint.builder(e).id(e + n).timestamp(LONG_AGO.plusSeconds(n)).build());
                }
            }
        }
        cli.writeClock.set(null);
        Path garbage = sessions.resolve(FileNames.forExecution("b"));
        for (String suffix : List.of("-wal", "-shm")) {
            Files.deleteIfExists(garbage.resolveSibling(garbage.getFileName() + suffix));
        }
        Files.write(garbage, "not a database ".repeat(400).getBytes(StandardCharsets.UTF_8));
    }

    private List<String> ids(String storeUri, String executionId) {
        try (CheckpointStore store = cli.open(storeUri)) {
            return store.list(executionId).stream().map(Checkpoint::id).collect(Collectors.toList());
        }
    }

    @Test
    void trimAllTrimsTheOthersAndReportsTheUnreadableOne() {
        Cli.Result r = cli.run("trim", "--keep", "1", "--all", "--store", uri);

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.ERROR);
        assertThat(r.out()).contains("removed 6 checkpoints from 3 of 3 executions")
                .contains("1 execution could not be read and was skipped.");
        assertThat(r.err()).contains("checkpointctl trim: unreadable execution b (skipped): ")
                .contains(FileNames.forExecution("b"));
        for (String e : List.of("a", "c", "d")) {
            assertThat(ids(uri, e)).containsExactly(e + "2");
        }
    }

    @Test
    void sweepClearsTheOthersAndReportsTheUnreadableOne() {
        Cli.Result r = cli.run("sweep", "--idle", "7d", "--store", uri);

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.ERROR);
        assertThat(r.out()).contains("removed 9 checkpoints from 3 of 3 executions (3 idle, cleared)")
                .contains("1 execution could not be read and was skipped.");
        assertThat(r.err()).contains("checkpointctl sweep: unreadable execution b (skipped): ");
        for (String e : List.of("a", "c", "d")) {
            assertThat(ids(uri, e)).isEmpty();
        }
    }

    @Test
    void migrateCopiesTheOthersAndReportsTheUnreadableOneAsAMismatch() {
        String target = "sqlite:" + dir.resolve("target.db");

        Cli.Result r = cli.run("migrate", "--from", uri, "--to", target);

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.CHECK_FAILED);
        assertThat(r.out()).containsPattern("unreadable executions \\(not copied\\)\\s+1");
        assertThat(r.err()).contains("mismatch: execution b: cannot be read in the source, not copied: ");
        for (String e : List.of("a", "c", "d")) {
            assertThat(ids(target, e)).containsExactly(e + "0", e + "1", e + "2");
        }
    }
}
