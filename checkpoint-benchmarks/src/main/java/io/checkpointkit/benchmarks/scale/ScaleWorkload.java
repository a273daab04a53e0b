package io.checkpointkit.benchmarks.scale;

import io.checkpointkit.Checkpoint;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * The data of a scale run: executions of a random size between the bounds, each of new
 * checkpoints with a random state, in time order, and what the measurements need to know about
 * them afterwards: every execution id with its count, and a uniform sample (reservoir) of the
 * checkpoints written, to load and to check. Execution and checkpoint ids are random UUIDs
 * (36 characters), the node name is {@code plan}, the metadata two entries, the parent null.
 * Not thread-safe: one run uses it from one thread.
 */
final class ScaleWorkload {

    /** The node name of every checkpoint. */
    static final String NODE = "plan";
    /** Checkpoints kept in the sample. */
    static final int SAMPLE_SIZE = 10_000;

    private final SplittableRandom random;
    private final int minPerExecution;
    private final int maxPerExecution;
    private final int stateBytes;
    private final List<String> executionIds = new ArrayList<>();
    private final List<Integer> counts = new ArrayList<>();
    private final List<Checkpoint> sample = new ArrayList<>();
    private Instant clock = Instant.now().minus(30, ChronoUnit.DAYS).truncatedTo(ChronoUnit.MILLIS);
    private long written;
    private long payloadBytes;

    ScaleWorkload(long seed, int minPerExecution, int maxPerExecution, int stateBytes) {
        this.random = new SplittableRandom(seed);
        this.minPerExecution = minPerExecution;
        this.maxPerExecution = maxPerExecution;
        this.stateBytes = stateBytes;
    }

    /**
     * The next whole executions, at least {@code atLeast} checkpoints (fewer only when
     * {@code limit} stops them), never more than {@code limit}: the last execution is cut to fit.
     * What they hold is recorded as written.
     */
    List<Checkpoint> nextExecutions(long atLeast, long limit) {
        List<Checkpoint> batch = new ArrayList<>();
        while (batch.size() < atLeast && batch.size() < limit) {
            int n = (int) Math.min(random.nextInt(minPerExecution, maxPerExecution + 1), limit - batch.size());
            String executionId = randomUuid();
            for (int i = 0; i < n; i++) {
                Checkpoint cp = newCheckpoint(executionId, i);
                batch.add(cp);
                record(cp);
            }
            executionIds.add(executionId);
            counts.add(n);
        }
        return batch;
    }

    /** Executions of exactly {@code perExecution} checkpoints, not recorded: for trim and clear. */
    List<List<Checkpoint>> probeExecutions(int executions, int perExecution) {
        List<List<Checkpoint>> result = new ArrayList<>(executions);
        for (int e = 0; e < executions; e++) {
            String executionId = "probe-" + randomUuid();
            List<Checkpoint> cps = new ArrayList<>(perExecution);
            for (int i = 0; i < perExecution; i++) {
                cps.add(newCheckpoint(executionId, i));
            }
            result.add(cps);
        }
        return result;
    }

    /** A new checkpoint for an existing execution, stamped now (so it is the latest), not recorded. */
    Checkpoint extraCheckpoint(String executionId) {
        return Checkpoint.builder(executionId).id(randomUuid()).nodeName(NODE).state(state())
                .metadata(Map.of("node", NODE, "step", "extra")).build();
    }

    private Checkpoint newCheckpoint(String executionId, int step) {
        clock = clock.plusMillis(1);
        return Checkpoint.builder(executionId).id(randomUuid()).nodeName(NODE).state(state())
                .metadata(Map.of("node", NODE, "step", Integer.toString(step))).timestamp(clock).build();
    }

    private void record(Checkpoint cp) {
        written++;
        payloadBytes += payloadBytes(cp);
        if (sample.size() < SAMPLE_SIZE) {
            sample.add(cp);
        } else {
            long slot = random.nextLong(written);
            if (slot < SAMPLE_SIZE) {
                sample.set((int) slot, cp);
            }
        }
    }

    /**
     * The bytes a checkpoint must cost at the least: its state and one copy of its id, execution
     * id, node name and metadata keys and values (UTF-8). What a store holds beyond that is its
     * overhead.
     */
    static long payloadBytes(Checkpoint cp) {
        long n = cp.stateSize() + utf8(cp.id()) + utf8(cp.executionId()) + utf8(cp.nodeName());
        for (Map.Entry<String, String> e : cp.metadata().entrySet()) {
            n += utf8(e.getKey()) + utf8(e.getValue());
        }
        return n;
    }

    private static int utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }

    private byte[] state() {
        byte[] state = new byte[stateBytes];
        for (int i = 0; i < state.length; i += 8) {
            long bits = random.nextLong();
            for (int j = i; j < Math.min(i + 8, state.length); j++) {
                state[j] = (byte) bits;
                bits >>>= 8;
            }
        }
        return state;
    }

    private String randomUuid() {
        return new UUID(random.nextLong(), random.nextLong()).toString();
    }

    /** Checkpoints written so far. */
    long written() {
        return written;
    }

    /** The sum of {@link #payloadBytes} over the checkpoints written. */
    long payloadBytes() {
        return payloadBytes;
    }

    /** The executions written, in the order written. */
    List<String> executionIds() {
        return executionIds;
    }

    /** How many checkpoints the execution at {@code index} of {@link #executionIds()} holds. */
    int count(int index) {
        return counts.get(index);
    }

    /** A uniform sample of up to {@value #SAMPLE_SIZE} checkpoints written, as written (version 0). */
    List<Checkpoint> sample() {
        return sample;
    }

    /** The random source of the run, for choosing the targets of calls. */
    SplittableRandom random() {
        return random;
    }
}
