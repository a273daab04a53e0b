package io.checkpointkit.cli;

import io.checkpointkit.CheckpointStore;
import io.checkpointkit.ExecutionInfo;
import io.checkpointkit.ExecutionPage;
import io.checkpointkit.retention.RetentionSweeper;
import io.checkpointkit.spi.Arguments;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code checkpointctl executions}: one page of executions, or all of them. */
@Command(name = "executions", mixinStandardHelpOptions = true,
        description = "List executions by page, ordered by execution id: id, checkpoint count, last timestamp.")
final class ExecutionsCommand extends BaseCommand {

    @Option(names = "--limit", paramLabel = "N", defaultValue = "20",
            description = "Executions per page, 1 or more. Default: ${DEFAULT-VALUE}.")
    int limit;

    @Option(names = "--after", paramLabel = "EXEC",
            description = "Start after this execution id (the cursor printed under the previous page).")
    String after;

    @Option(names = "--all", description = "Print every page, not only the first.")
    boolean all;

    @Option(names = "--wide", description = "Do not cut long ids.")
    boolean wide;

    @Override
    public Integer call() {
        Arguments.requireAtLeast(limit, 1, "--limit");
        try (CheckpointStore store = openExisting()) {
            Table table = new Table(wide ? 0 : 60, "EXECUTION", ">CHECKPOINTS", "LAST TIMESTAMP");
            String cursor = null;
            // The same walk as the sweeper's; without --all only its first page.
            for (ExecutionPage page : RetentionSweeper.executions(store, after, limit)) {
                for (ExecutionInfo info : page.items()) {
                    table.row(info.executionId(), info.checkpointCount(), Formats.instant(info.lastTimestamp()));
                }
                cursor = page.nextAfter().orElse(null);
                if (!all) {
                    break;
                }
            }
            printStore();
            if (table.isEmpty()) {
                out().println(after == null ? "no executions" : "no executions after " + Table.clean(after));
                return ExitCodes.OK;
            }
            table.print(out());
            if (cursor != null && !all) {
                // A full page may be the last one; only the next call can tell.
                out().println("next page: checkpointctl executions --limit " + limit + " --after "
                        + Formats.shellQuote(Table.clean(cursor)));
            }
            return ExitCodes.OK;
        }
    }
}
