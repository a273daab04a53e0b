package io.checkpointkit.cli;

import io.checkpointkit.CheckpointStore;
import io.checkpointkit.ExecutionInfo;
import io.checkpointkit.spi.Ids;
import io.checkpointkit.spi.Arguments;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code checkpointctl stats}: what an operator checks before and after a cleanup. */
@Command(name = "stats", mixinStandardHelpOptions = true,
        description = "Count executions and checkpoints, list the largest executions, and show the oldest"
                + " and newest activity.")
final class StatsCommand extends BaseCommand {

    /** Largest first; among equals, the smaller execution id first. */
    private static final Comparator<ExecutionInfo> LARGEST = Comparator
            .comparingLong(ExecutionInfo::checkpointCount).reversed()
            .thenComparing(ExecutionInfo::executionId, Ids::compare);

    @Option(names = "--top", paramLabel = "N", defaultValue = "5",
            description = "How many of the largest executions to list. Default: ${DEFAULT-VALUE}.")
    int top;

    @Override
    public Integer call() {
        Arguments.requireNotNegative(top, "--top");
        try (CheckpointStore store = openExisting()) {
            long total = Walk.countExecutions(store);
            long[] checkpoints = {0};
            ExecutionInfo[] oldest = {null};
            ExecutionInfo[] newest = {null};
            PriorityQueue<ExecutionInfo> largest = new PriorityQueue<>(LARGEST.reversed());
            try (Progress progress = ctl.progress(err(), "stats", total)) {
                Walk.executions(store, info -> {
                    checkpoints[0] += info.checkpointCount();
                    if (oldest[0] == null || info.lastTimestamp().isBefore(oldest[0].lastTimestamp())) {
                        oldest[0] = info;
                    }
                    if (newest[0] == null || info.lastTimestamp().isAfter(newest[0].lastTimestamp())) {
                        newest[0] = info;
                    }
                    largest.add(info);
                    if (largest.size() > top) {
                        largest.poll();
                    }
                    progress.advance(1);
                });
            }
            printStore();
            Instant now = ctl.clock().instant();
            Table summary = new Table(0, "", "");
            summary.row("executions", total);
            summary.row("checkpoints", checkpoints[0]);
            if (oldest[0] != null) {
                summary.row("oldest activity", describe(oldest[0], now));
                summary.row("newest activity", describe(newest[0], now));
            }
            summary.print(out());
            if (top > 0 && !largest.isEmpty()) {
                List<ExecutionInfo> sorted = new ArrayList<>(largest);
                sorted.sort(LARGEST);
                out().println();
                out().println("largest executions:");
                Table table = new Table(60, "EXECUTION", ">CHECKPOINTS", "LAST ACTIVITY");
                sorted.forEach(i -> table.row(i.executionId(), i.checkpointCount(), Formats.instant(i.lastTimestamp())));
                table.print(out());
            }
            return ExitCodes.OK;
        }
    }

    private static String describe(ExecutionInfo info, Instant now) {
        return Formats.instant(info.lastTimestamp()) + " (" + Formats.age(Duration.between(info.lastTimestamp(), now))
                + " ago, execution " + Table.clean(info.executionId()) + ")";
    }
}
