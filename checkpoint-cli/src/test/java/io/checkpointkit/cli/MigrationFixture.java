package io.checkpointkit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.checkpointkit.Checkpoint;
import io.checkpointkit.CheckpointStore;
import java.time.Instant;
import java.util.List;

/** The data every migration test copies, and what it checks afterwards. */
final class MigrationFixture {

    static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");
    /** alpha 3, beta 5, the hostile id 4, the longest id 2 (one pinned, one with a 300 KiB state). */
    static final int TOTAL = 14;

    private MigrationFixture() {
    }

    static void fill(CheckpointStore store) {
        StoreKinds.fill(store, "alpha", 3, T0);
        StoreKinds.fill(store, "beta", 5, T0);
        StoreKinds.fill(store, StoreKinds.HOSTILE, 4, T0);
        byte[] big = new byte[300 * 1024];
        for (int i = 0; i < big.length; i++) {
            big[i] = (byte) (i * 31);
        }
        store.save(Checkpoint.builder(StoreKinds.LONGEST).id(StoreKinds.LONGEST).pinned(true)
                .putMetadata("note", "it's {\"pinned\"}").timestamp(T0).build());
        store.save(Checkpoint.builder(StoreKinds.LONGEST).id("big").parentId(StoreKinds.LONGEST).state(big)
                .timestamp(T0.plusNanos(1000)).build());
    }

    /** The migration reported and left an exact copy (all fields but the version). */
    static void assertCopied(Cli.Result r, Cli cli, String from, String to) {
        assertThat(r.out()).containsPattern("executions\\s+4\n")
                .containsPattern("checkpoints in source\\s+" + TOTAL + "\n")
                .containsPattern("checkpoints in target\\s+" + TOTAL + "\n")
                .containsPattern("copied\\s+" + TOTAL + "\n")
                .containsPattern("mismatches\\s+0\n")
                .contains("verified: every checkpoint of the source is in the target");
        try (CheckpointStore source = cli.open(from); CheckpointStore target = cli.open(to)) {
            for (String executionId : List.of("alpha", "beta", StoreKinds.HOSTILE, StoreKinds.LONGEST)) {
                List<Checkpoint> expected = source.list(executionId);
                List<Checkpoint> actual = target.list(executionId);
                assertThat(actual).hasSameSizeAs(expected);
                for (int i = 0; i < expected.size(); i++) {
                    assertThat(actual.get(i).withVersion(1)).isEqualTo(expected.get(i).withVersion(1));
                }
            }
            assertThat(target.load("big").orElseThrow().stateSize()).isEqualTo(300 * 1024);
        }
    }
}
