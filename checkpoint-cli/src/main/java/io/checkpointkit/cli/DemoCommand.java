package io.checkpointkit.cli;

import io.checkpointkit.Checkpoint;
import io.checkpointkit.CheckpointStore;
import io.checkpointkit.spi.Ids;
import io.checkpointkit.JsonStateCodec;
import io.checkpointkit.StateCodec;
import io.checkpointkit.decorators.AutoTrimConfig;
import io.checkpointkit.decorators.AutoTrimmingCheckpointStore;
import io.checkpointkit.spi.Arguments;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code checkpointctl demo}: a simulated agent whose nodes loop over steps, checkpointing every
 * step; auto-trim keeps the latest 10 plus the pinned first checkpoint. {@code --crash-after N}
 * halts the JVM after N checkpoints of this run; the next run resumes from the latest one.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Run a simulated agent (nodes plan, research, write, review looping over steps) that"
                + " checkpoints every step, with auto-trim keeping the latest 10 plus one pinned checkpoint.",
                "With --crash-after N it stops abruptly (exit code 9) after N checkpoints; run it again to"
                        + " resume from the latest checkpoint. A finished run starts over."})
final class DemoCommand extends BaseCommand {

    static final String[] NODES = {"plan", "research", "write", "review"};
    static final int KEEP_LATEST = 10;
    private static final StateCodec<AgentState> CODEC = JsonStateCodec.of(AgentState.class);

    @Option(names = "--execution", paramLabel = "EXEC", defaultValue = "demo-agent",
            description = "The execution id of the run. Default: ${DEFAULT-VALUE}.")
    String executionId;

    @Option(names = "--steps", paramLabel = "N", defaultValue = "16",
            description = "Steps in a run, 1 to 10000. Default: ${DEFAULT-VALUE}.")
    int steps;

    @Option(names = "--crash-after", paramLabel = "N",
            description = "Stop the JVM abruptly after saving N checkpoints in this run.")
    Integer crashAfter;

    @Option(names = "--fresh", description = "Start a new run even if one can be resumed.")
    boolean fresh;

    @Override
    public Integer call() {
        Ids.requireValid(executionId, "--execution");
        // Checkpoint ids are "<execution>:step-<n>", so the execution id leaves room for the suffix.
        if (executionId.length() > Ids.MAX_LENGTH - 16) {
            throw new IllegalArgumentException("--execution must be at most " + (Ids.MAX_LENGTH - 16)
                    + " characters, was " + executionId.length());
        }
        Arguments.requireBetween(steps, 1, 10_000, "--steps");
        if (crashAfter != null) {
            Arguments.requireAtLeast(crashAfter, 1, "--crash-after");
        }
        String uri = ctl.storeUri();
        // Trims run in the saving thread (a direct executor) and after every save, so the
        // numbers the demo prints are exact; applications keep the background worker.
        AutoTrimConfig config = AutoTrimConfig.builder().keepLatest(KEEP_LATEST).threshold(1)
                .executor(Runnable::run).build();
        try (AutoTrimmingCheckpointStore store = AutoTrimmingCheckpointStore.wrap(ctl.openStore(uri), config)) {
            printStore(uri);
            return run(store);
        }
    }

    private int run(AutoTrimmingCheckpointStore store) {
        Optional<Checkpoint> latest = fresh ? Optional.empty() : store.latest(executionId);
        AgentState state;
        Checkpoint last;
        if (latest.isPresent() && !CODEC.decode(latest.get()).finished()) {
            last = latest.get();
            state = CODEC.decode(last);
            out().println("resuming execution " + executionId + " from step " + state.step() + " of "
                    + state.totalSteps() + " (checkpoint " + last.id() + ")");
        } else {
            int removed = store.clear(executionId);
            out().println((latest.isPresent() ? "execution " + executionId + " finished earlier; starting over"
                    : "starting execution " + executionId) + (removed > 0 ? " (cleared " + removed
                    + " old checkpoints)" : "") + ": " + steps + " steps, auto-trim keeps the latest "
                    + KEEP_LATEST + " + 1 pinned");
            state = AgentState.start(steps);
            last = store.save(Checkpoint.builder(executionId).id(checkpointId(0)).nodeName("input")
                    .state(CODEC.encode(state)).putMetadata("step", "0").pinned(true)
                    .timestamp(now(null)).build());
        }
        Table table = new Table(0, ">STEP", "NODE", "CHECKPOINT", ">STATE BYTES", ">STORED");
        int saved = 0;
        while (!state.finished()) {
            String node = NODES[state.step() % NODES.length];
            state = state.next(node);
            last = store.save(Checkpoint.builder(executionId).id(checkpointId(state.step())).parentId(last.id())
                    .nodeName(node).state(CODEC.encode(state)).putMetadata("step", String.valueOf(state.step()))
                    .timestamp(now(last)).build());
            saved++;
            table.row(state.step(), node, last.id(), last.stateSize(), store.list(executionId).size());
            if (crashAfter != null && saved == crashAfter && !state.finished()) {
                table.print(out());
                err().println("simulated crash after " + saved + " checkpoints (exit code "
                        + ExitCodes.SIMULATED_CRASH + "); run the same command again to resume");
                err().flush();
                ctl.halt(ExitCodes.SIMULATED_CRASH);
                return ExitCodes.SIMULATED_CRASH;
            }
        }
        table.print(out());
        int stored = store.list(executionId).size();
        out().println("finished execution " + executionId + ": step " + state.step() + " of " + state.totalSteps()
                + ", " + saved + " checkpoints saved in this run, " + store.stats().checkpointsRemoved()
                + " removed by auto-trim, " + stored + " stored (the latest " + Math.min(KEEP_LATEST, stored - 1)
                + " + 1 pinned)");
        out().println("next: checkpointctl history " + Formats.shellQuote(executionId)
                + "   or   checkpointctl show " + Formats.shellQuote(last.id()));
        return ExitCodes.OK;
    }

    private String checkpointId(int step) {
        return executionId + ":step-" + String.format("%03d", step);
    }

    /** Now, but always after the previous checkpoint, so the order never depends on the clock. */
    private Instant now(Checkpoint previous) {
        Instant now = ctl.clock().instant().truncatedTo(ChronoUnit.MICROS);
        if (previous != null && !now.isAfter(previous.timestamp())) {
            return previous.timestamp().plus(1, ChronoUnit.MICROS);
        }
        return now;
    }
}
