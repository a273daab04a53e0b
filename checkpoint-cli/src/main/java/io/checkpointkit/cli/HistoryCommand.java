package io.checkpointkit.cli;

import io.checkpointkit.Checkpoint;
import io.checkpointkit.CheckpointQuery;
import io.checkpointkit.CheckpointStore;
import io.checkpointkit.spi.Ids;
import io.checkpointkit.spi.Arguments;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code checkpointctl history EXEC}: the checkpoints of one execution, oldest first. */
@Command(name = "history", mixinStandardHelpOptions = true,
        description = "List the checkpoints of an execution, oldest first (exit code 4 when it has none).")
final class HistoryCommand extends BaseCommand {

    @Parameters(index = "0", paramLabel = "EXEC", description = "The execution id.")
    String executionId;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "0",
            description = "Show only the latest N checkpoints; 0 shows all. Default: ${DEFAULT-VALUE}.")
    int limit;

    @Option(names = "--wide", description = "Do not cut long ids and metadata.")
    boolean wide;

    @Override
    public Integer call() {
        Ids.requireValid(executionId, "EXEC");
        Arguments.requireNotNegative(limit, "--limit");
        try (CheckpointStore store = openExistingAtRest()) {
            List<Checkpoint> checkpoints;
            if (limit == 0) {
                checkpoints = new ArrayList<>();
                Walk.checkpoints(store, executionId, checkpoints::add);
            } else {
                checkpoints = new ArrayList<>(store.list(executionId,
                        CheckpointQuery.builder().newestFirst(true).limit(limit).build()));
                Collections.reverse(checkpoints);
            }
            printStore();
            if (checkpoints.isEmpty()) {
                return fail(ExitCodes.NOT_FOUND, "execution " + Table.clean(executionId) + " has no checkpoints");
            }
            Table table = new Table(wide ? 0 : 40, "ID", "NODE", "TIMESTAMP", ">VERSION", ">STATE", "PINNED", "METADATA");
            for (Checkpoint c : checkpoints) {
                table.row(c.id(), c.nodeName(), c.timestamp(), c.version(), c.stateSize(),
                        c.pinned() ? "yes" : "", metadata(c.metadata()));
            }
            out().println("execution: " + Table.clean(executionId));
            table.print(out());
            out().println(checkpoints.size() + (limit == 0 ? " checkpoints" : " latest checkpoints shown"));
            return ExitCodes.OK;
        }
    }

    private static String metadata(Map<String, String> metadata) {
        return metadata.entrySet().stream()
                .filter(e -> !e.getKey().equals(Checkpoint.PINNED_KEY))
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(", "));
    }
}
