package io.checkpointkit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.checkpointkit.Checkpoint;
import io.checkpointkit.CheckpointStore;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 12, item 9b through the CLI: {@code sweep} judges idleness by the last write, so a run
 * that resumed by updating its old latest checkpoint in place (same timestamp) is kept.
 */
class SweepResumedRunTest {

    /** The Cli's clock reads 2026-11-26T12:00:00Z. */
    private static final Instant LONG_AGO = Instant.parse("2026-10-01T00:00:00Z");
    private static final Instant YESTERDAY = Instant.parse("2026-11-25T12:00:00Z");

    @TempDir
    Path dir;

    private final Cli cli = new Cli();

    @ParameterizedTest
    @ValueSource(strings = {"memory", "sqlite"})
    void aRunResumedByAnUpdateInPlaceIsNotCleared(String kind) {
        String uri = StoreKinds.uri(kind, dir);
        try (CheckpointStore store = cli.open(uri)) {
            cli.writeClock.set(LONG_AGO);
            StoreKinds.fill(store, "resumed", 3, LONG_AGO);
            StoreKinds.fill(store, "idle", 3, LONG_AGO);
            cli.writeClock.set(YESTERDAY);
            Checkpoint latest = store.latest("resumed").orElseThrow();
            store.save(latest.toBuilder().state(new byte[] {1}).build()); // keeps its old timestamp
        }

        Cli.Result r = cli.run("sweep", "--idle", "7d", "--store", uri);

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).contains("removed 3 checkpoints from 1 of 2 executions (1 idle, cleared)");
        try (CheckpointStore store = cli.open(uri)) {
            assertThat(store.list("idle")).isEmpty();
            assertThat(store.list("resumed")).hasSize(3);
        }
    }
}
