package io.checkpointkit.cli;

import io.checkpointkit.CheckpointStore;
import io.checkpointkit.CheckpointStores;
import io.checkpointkit.spi.StoreUri;
import io.checkpointkit.decorators.ForwardingCheckpointStore;
import io.checkpointkit.memory.MemoryCheckpointStore;
import io.checkpointkit.sqlite.SqliteCheckpointStore;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;

/**
 * Runs {@code checkpointctl} in-process through picocli with captured output. Every
 * {@code memory:} URI names one shared memory store, so that several commands of a test see
 * the same data (the real {@code memory:} provider opens a new, empty store each time), unless
 * {@link #shareMemory} is off; {@code broken:} opens a memory store that breaks the contract;
 * every other URI goes through {@link CheckpointStores#open(String)}.
 */
final class Cli {

    /** What one run printed and returned. */
    record Result(int exitCode, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- out\n" + out + "--- err\n" + err;
        }
    }

    Clock clock = Clock.fixed(Instant.parse("2026-11-26T12:00:00Z"), ZoneOffset.UTC);
    /**
     * The clock the memory and SQLite stores this Cli opens time their writes by (for idle
     * sweeps): the system clock unless a test sets it, to seed data written long ago.
     */
    final WriteClock writeClock = new WriteClock();
    final MemoryCheckpointStore memory = MemoryCheckpointStore.create(writeClock);
    final Map<String, String> env = new HashMap<>();
    final List<Integer> halts = new ArrayList<>();
    boolean terminal;
    /** False: every memory: store is new, as with the real provider (the TCK needs that). */
    boolean shareMemory = true;

    Result run(String... args) {
        CheckpointCtl ctl = new CheckpointCtl(env, halts::add, clock, terminal, this::open);
        CommandLine cmd = CheckpointCtl.commandLine(ctl);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        int code = cmd.execute(args);
        return new Result(code, out.toString(), err.toString());
    }

    /** Opens a store the way the command would; the caller closes it. */
    CheckpointStore open(String uri) {
        if (uri.equals("memory:") && shareMemory) {
            return new Unclosable(memory);
        }
        if (uri.equals("broken:")) {
            return new ForgetsTheLatest(MemoryCheckpointStore.create());
        }
        if (uri.startsWith("sqlite:") && !uri.contains("&")) {
            // As the provider opens it, but with the write clock.
            StoreUri parsed = StoreUri.parse(uri, Map.of());
            SqliteCheckpointStore.Layout layout = parsed.option("layout").orElse("single").equals("per-execution")
                    ? SqliteCheckpointStore.Layout.PER_EXECUTION : SqliteCheckpointStore.Layout.SINGLE;
            return SqliteCheckpointStore.builder().path(Path.of(parsed.path())).layout(layout).clock(writeClock).build();
        }
        return CheckpointStores.open(uri);
    }

    /**
     * A clock a test sets by hand; unset (null), it reads the system clock. Not the
     * {@code FakeClock} of checkpoint-test-support, which stands still: unset, this one must
     * follow real time, as the TCK run through this Cli needs time to pass between writes.
     */
    static final class WriteClock extends Clock {
        private volatile Instant now;

        void set(Instant instant) {
            now = instant;
        }

        @Override
        public Instant instant() {
            Instant set = now;
            return set == null ? Instant.now() : set;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            throw new UnsupportedOperationException();
        }
    }

    /** A deliberately broken store for the TCK to catch: it never finds the latest checkpoint. */
    private static final class ForgetsTheLatest extends ForwardingCheckpointStore {
        ForgetsTheLatest(CheckpointStore delegate) {
            super(delegate);
        }

        @Override
        public java.util.Optional<io.checkpointkit.Checkpoint> latest(String executionId) {
            return java.util.Optional.empty();
        }
    }

    /** The shared memory store outlives each command, which closes only this view of it. */
    private static final class Unclosable extends ForwardingCheckpointStore {
        Unclosable(CheckpointStore delegate) {
            super(delegate);
        }

        @Override
        public void close() {
        }
    }
}
