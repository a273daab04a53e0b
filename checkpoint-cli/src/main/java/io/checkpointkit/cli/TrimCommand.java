package io.checkpointkit.cli;

import io.checkpointkit.CheckpointStore;
import io.checkpointkit.spi.Arguments;
import io.checkpointkit.spi.Ids;
import io.checkpointkit.retention.RetentionPolicy;
import io.checkpointkit.spi.Arguments;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code checkpointctl trim --keep N (--execution EXEC | --all)}. */
@Command(name = "trim", mixinStandardHelpOptions = true,
        description = "Delete all but the latest N unpinned checkpoints of one execution or of every"
                + " execution. Pinned checkpoints are always kept and do not count.")
final class TrimCommand extends CleanupCommand {

    @Option(names = "--keep", paramLabel = "N", required = true,
            description = "How many of the latest unpinned checkpoints to keep, 0 or more.")
    int keep;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Scope scope;

    /** Exactly one of the two. */
    static final class Scope {
        @Option(names = "--execution", paramLabel = "EXEC", required = true, description = "Trim this execution.")
        String executionId;

        @Option(names = "--all", required = true, description = "Trim every execution.")
        boolean all;
    }

    @Override
    public Integer call() {
        Arguments.requireNotNegative(keep, "--keep");
        if (scope.executionId != null) {
            Ids.requireValid(scope.executionId, "--execution");
        }
        try (CheckpointStore store = openExisting()) {
            printStore();
            Cleanup cleanup = newCleanup();
            if (scope.executionId != null) {
                cleanup.trimmed(scope.executionId, trim(store, scope.executionId));
                cleanup.printSummary(1, "keep the latest " + keep + " unpinned");
                return ExitCodes.OK;
            }
            return sweepEveryExecution(store, RetentionPolicy.keepLatest(keep), cleanup, "trim",
                    "keep the latest " + keep + " unpinned of each");
        }
    }

    private int trim(CheckpointStore store, String executionId) {
        if (!dryRun) {
            return store.trim(executionId, keep);
        }
        return (int) Math.max(0, Walk.countUnpinned(store, executionId) - keep);
    }
}
