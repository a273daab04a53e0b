package io.checkpointkit.cli;

import io.checkpointkit.Checkpoint;
import io.checkpointkit.CheckpointStore;
import java.nio.file.Path;
import java.time.Instant;

/** The stores the command tests run against, and ways to fill them. */
final class StoreKinds {

    /** The execution and checkpoint ids every backend must round-trip. */
    static final String HOSTILE = "it's \"x\" {a}:/../%2F * 🎉 '; DROP TABLE checkpoints; -- EVAL \"redis\"";
    /** 512 code points: the longest legal id. */
    static final String LONGEST = "🎉🎉" + "é'".repeat(255);

    private StoreKinds() {
    }

    /** The URI of a store of the given kind: "memory" (shared by the Cli) or "sqlite" (a file in dir). */
    static String uri(String kind, Path dir) {
        switch (kind) {
            case "memory": return "memory:";
            case "sqlite": return "sqlite:" + dir.resolve("cli.db");
            default: throw new IllegalArgumentException(kind);
        }
    }

    /** The id {@link #fill} gives checkpoint {@code i}: the execution id (cut to 500 code points), '#', i. */
    static String checkpointId(String executionId, int i) {
        int end = executionId.offsetByCodePoints(0, Math.min(500, executionId.codePointCount(0, executionId.length())));
        return executionId.substring(0, end) + "#" + i;
    }

    /** Saves {@code count} checkpoints to an execution, one second apart from {@code start}. */
    static void fill(CheckpointStore store, String executionId, int count, Instant start) {
        for (int i = 0; i < count; i++) {
            store.save(Checkpoint.builder(executionId).id(checkpointId(executionId, i)).nodeName("n" + i)
                    .state(("{\"i\":" + i + "}").getBytes(java.nio.charset.StandardCharsets.UTF_8))
                    .putMetadata("step", String.valueOf(i)).timestamp(start.plusSeconds(i)).build());
        }
    }
}
