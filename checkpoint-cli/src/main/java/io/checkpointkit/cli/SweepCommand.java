package io.checkpointkit.cli;

import io.checkpointkit.CheckpointStore;
import io.checkpointkit.spi.Arguments;
import io.checkpointkit.spi.Durations;
import io.checkpointkit.retention.RetentionPolicy;
import io.checkpointkit.spi.Arguments;
import java.time.Duration;
import java.time.Instant;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code checkpointctl sweep --idle 7d [--keep N]}: the retention sweep, for cron. */
@Command(name = "sweep", mixinStandardHelpOptions = true,
        description = "Clear every execution idle longer than --idle (not written: no save, update or delete);"
                + " with --keep, also trim the others to their latest N unpinned checkpoints.")
final class SweepCommand extends CleanupCommand {

    @Option(names = "--idle", paramLabel = "DURATION", defaultValue = "7d",
            description = "Clear executions not written for this long: 7d, 12h, 30m, PT36H."
                    + " Default: ${DEFAULT-VALUE}.")
    String idle;

    @Option(names = "--keep", paramLabel = "N",
            description = "Also trim executions that are not idle to their latest N unpinned checkpoints.")
    Integer keep;

    @Override
    public Integer call() {
        Duration maxIdle = Durations.parse(idle, "--idle");
        if (keep != null) {
            Arguments.requireNotNegative(keep, "--keep");
        }
        RetentionPolicy policy = (keep == null ? RetentionPolicy.keepAll() : RetentionPolicy.keepLatest(keep))
                .clearIdleAfter(maxIdle);
        Instant cutoff = ctl.clock().instant().minus(maxIdle);
        try (CheckpointStore store = openExisting()) {
            printStore();
            // The store clears an execution only if it was not written since the cutoff, in one
            // atomic step, so a run that resumed meanwhile keeps its checkpoints.
            return sweepEveryExecution(store, policy, newCleanup(), "sweep",
                    "clear those idle since before " + Formats.instant(cutoff)
                            + (keep == null ? "" : ", keep the latest " + keep + " unpinned of the others"));
        }
    }
}
