package io.checkpointkit.cli;

import io.checkpointkit.Checkpoint;
import io.checkpointkit.CheckpointQuery;
import io.checkpointkit.CheckpointStore;
import io.checkpointkit.spi.Arguments;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code checkpointctl bench [URI]}: a quick, single-threaded throughput check of save, latest
 * and list against a live store, to help choose a backend. It writes to one execution of its
 * own ({@code checkpointctl-bench-<random>}) and clears it at the end. Careful numbers come
 * from the JMH benchmarks in {@code checkpoint-benchmarks}.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Measure save, latest and list throughput against a live store (one thread).",
                "Writes to an execution of its own, checkpointctl-bench-<random>, and clears it afterwards."})
final class BenchCommand extends BaseCommand {

    @Mixin
    StoreArgument storeArgument;

    @Option(names = "--ops", paramLabel = "N", defaultValue = "1000",
            description = "Operations of each kind, 1 or more. Default: ${DEFAULT-VALUE}.")
    int ops;

    @Option(names = "--state-size", paramLabel = "BYTES", defaultValue = "1024",
            description = "Bytes of state per checkpoint. Default: ${DEFAULT-VALUE}.")
    int stateSize;

    @Option(names = "--warmup", paramLabel = "N", defaultValue = "100",
            description = "Untimed operations of each kind first. Default: ${DEFAULT-VALUE}.")
    int warmup;

    @Override
    public Integer call() {
        Arguments.requireAtLeast(ops, 1, "--ops");
        Arguments.requireNotNegative(stateSize, "--state-size");
        Arguments.requireNotNegative(warmup, "--warmup");
        String target = storeArgument.resolve(ctl);
        String executionId = "checkpointctl-bench-" + UUID.randomUUID();
        byte[] state = new byte[stateSize];
        ThreadLocalRandom.current().nextBytes(state);
        try (CheckpointStore store = ctl.openStore(target)) {
            printStore(target);
            out().println("execution: " + executionId + ", " + ops + " ops each, state " + stateSize
                    + " bytes, 1 thread");
            out().flush();
            Instant[] clock = {Instant.now().truncatedTo(ChronoUnit.MICROS)};
            Runnable save = () -> {
                clock[0] = clock[0].plus(1, ChronoUnit.MICROS);
                store.save(Checkpoint.builder(executionId).state(state).timestamp(clock[0]).build());
            };
            CheckpointQuery newest10 = CheckpointQuery.builder().newestFirst(true).limit(10).build();
            Table table = new Table(0, "OPERATION", ">OPS", ">OPS/S", ">MEAN µs", ">P50 µs", ">P99 µs");
            try {
                measure(table, "save", save);
                measure(table, "latest", () -> store.latest(executionId));
                measure(table, "list (10 newest)", () -> store.list(executionId, newest10));
            } finally {
                store.clear(executionId);
            }
            table.print(out());
            out().println("rough numbers from one thread; see checkpoint-benchmarks (JMH) for careful ones");
            return ExitCodes.OK;
        }
    }

    private void measure(Table table, String name, Runnable operation) {
        for (int i = 0; i < warmup; i++) {
            operation.run();
        }
        long[] nanos = new long[ops];
        long start = System.nanoTime();
        try (Progress progress = ctl.progress(err(), name, ops)) {
            for (int i = 0; i < ops; i++) {
                long t = System.nanoTime();
                operation.run();
                nanos[i] = System.nanoTime() - t;
                progress.advance(1);
            }
        }
        long total = System.nanoTime() - start;
        Arrays.sort(nanos);
        table.row(name, ops, String.format(Locale.ROOT, "%.0f", ops * 1e9 / total),
                micros(Arrays.stream(nanos).sum() / (double) ops), micros(nanos[ops / 2]),
                micros(nanos[Math.min(ops - 1, (int) Math.ceil(ops * 0.99) - 1)]));
    }

    private static String micros(double nanos) {
        return String.format(Locale.ROOT, "%.1f", nanos / 1000);
    }
}
