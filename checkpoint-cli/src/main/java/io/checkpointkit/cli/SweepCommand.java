package io.checkpointkit.cli;

import io.checkpointkit.Checkpoint;
import io.checkpointkit.CheckpointStore;
import io.checkpointkit.Durations;
import io.checkpointkit.ExecutionInfo;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code checkpointctl sweep --idle 7d [--keep N]}: the retention sweep, for cron. */
@Command(name = "sweep", mixinStandardHelpOptions = true,
        description = "Clear every execution idle longer than --idle (its latest checkpoint is older);"
                + " with --keep, also trim the others to their latest N unpinned checkpoints.")
final class SweepCommand extends BaseCommand {

    @Option(names = "--idle", paramLabel = "DURATION", defaultValue = "7d",
            description = "Clear executions with no checkpoint newer than this: 7d, 12h, 30m, PT36H."
                    + " Default: ${DEFAULT-VALUE}.")
    String idle;

    @Option(names = "--keep", paramLabel = "N",
            description = "Also trim executions that are not idle to their latest N unpinned checkpoints.")
    Integer keep;

    @Option(names = "--dry-run", description = "Say what would be deleted; delete nothing.")
    boolean dryRun;

    @Override
    public Integer call() {
        Duration maxIdle = Durations.parse(idle, "--idle");
        if (keep != null) {
            CheckpointStore.requireNotNegative(keep, "--keep");
        }
        Instant cutoff = ctl.clock().instant().minus(maxIdle);
        String uri = ctl.storeUri();
        try (CheckpointStore store = ctl.openExisting(uri)) {
            printStore(uri);
            Cleanup cleanup = new Cleanup(out(), dryRun, 20);
            long total = Walk.countExecutions(store);
            try (Progress progress = ctl.progress(err(), dryRun ? "sweep (dry run)" : "sweep", total)) {
                Walk.executions(store, info -> {
                    sweep(store, info, cutoff, cleanup);
                    progress.advance(1);
                });
            }
            cleanup.printSummary(total, "clear those idle since before " + Formats.instant(cutoff)
                    + (keep == null ? "" : ", keep the latest " + keep + " unpinned of the others"));
            return ExitCodes.OK;
        }
    }

    private void sweep(CheckpointStore store, ExecutionInfo info, Instant cutoff, Cleanup cleanup) {
        if (info.lastTimestamp().isBefore(cutoff)) {
            // The page may be stale: look again, so a run that resumed meanwhile is not cleared.
            Optional<Checkpoint> latest = store.latest(info.executionId());
            if (latest.isEmpty() || !latest.get().timestamp().isBefore(cutoff)) {
                return;
            }
            cleanup.cleared(info.executionId(), dryRun ? info.checkpointCount() : store.clear(info.executionId()));
        } else if (keep != null && info.checkpointCount() > keep) {
            if (dryRun) {
                cleanup.trimmed(info.executionId(), Math.max(0, Walk.countUnpinned(store, info.executionId()) - keep));
            } else {
                cleanup.trimmed(info.executionId(), store.trim(info.executionId(), keep));
            }
        }
    }
}
