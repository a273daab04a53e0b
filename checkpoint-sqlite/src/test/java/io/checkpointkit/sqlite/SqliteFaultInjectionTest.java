package io.checkpointkit.sqlite;

import io.checkpointkit.Checkpoint;
import io.checkpointkit.CheckpointCorruptedException;
import io.checkpointkit.sqlite.internal.FileNames;
import io.checkpointkit.testsupport.FaultWorkload;
import io.checkpointkit.testsupport.WorkloadReport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.zip.CRC32;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The SQLite part of the fault-injection suite: while a {@link FaultWorkload} (6 threads saving,
 * updating by compare-and-set, trimming, deleting and reading) runs against one open store, a
 * fault is injected and removed; the store must serve again without being reopened, and the
 * workload's invariants must hold (every acknowledged write present with its bytes, nothing
 * stored that was never written, no compare-and-set won twice, no id in two executions).
 *
 * <p>The faults, each in both layouts: a full disk (a small tmpfs filled up, then freed); the
 * store's files and directory made read-only (the immutable attribute, {@code chattr +i}, which
 * binds root too; a read-only remount is refused while SQLite holds the files open for writing);
 * a corrupt page (a page of a 300-row execution overwritten mid-run); SIGKILL of a second
 * process saving into the same files. The figures of each run are written to
 * {@code target/sqlite-fault-figures.txt} and quoted in the module README.
 */
class SqliteFaultInjectionTest {

    private static final Duration BEFORE_FAULT = Duration.ofMillis(500);
    private static final Duration FAULT = Duration.ofMillis(600);
    private static final Duration AFTER_FAULT = Duration.ofMillis(300);
    private static final Duration SERVE_AGAIN_WITHIN = Duration.ofSeconds(30);
    private static final int ROUNDS = 2;
    private static final List<String> FIGURES = Collections.synchronizedList(new ArrayList<>());

    @TempDir
    Path dir;

    @AfterAll
    static void writeFigures() throws IOException {
        Collections.sort(FIGURES);
        Files.createDirectories(Path.of("target"));
        Files.write(Path.of("target", "sqlite-fault-figures.txt"), FIGURES);
        FIGURES.forEach(System.out::println);
    }

    private static SqliteCheckpointStore.Builder builder(Path base, SqliteCheckpointStore.Layout layout) {
        return SqliteCheckpointStore.builder()
                .path(base.resolve(layout == SqliteCheckpointStore.Layout.SINGLE ? "store.db" : "store"))
                .layout(layout);
    }

    private static Path location(Path base, SqliteCheckpointStore.Layout layout) {
        return base.resolve(layout == SqliteCheckpointStore.Layout.SINGLE ? "store.db" : "store");
    }

    @ParameterizedTest
    @EnumSource(SqliteCheckpointStore.Layout.class)
    void aFullDisk(SqliteCheckpointStore.Layout layout) throws Exception {
        try (Tmpfs fs = Tmpfs.mount(dir.resolve("fs"), "64m");
             SqliteCheckpointStore store = builder(fs.path(), layout).build()) {
            FaultWorkload workload = FaultWorkload.builder(store).stateSize(1024).build();
            workload.start();
            pause(BEFORE_FAULT);
            List<Duration> servedAgain = new ArrayList<>();
            for (int round = 0; round < ROUNDS; round++) {
                Path filler = fs.fill();
                pause(FAULT);
                Files.delete(filler);
                servedAgain.add(workload.awaitServing(SERVE_AGAIN_WITHIN));
                pause(AFTER_FAULT);
            }
            workload.stop();
            WorkloadReport report = workload.verify(SERVE_AGAIN_WITHIN);
            record("disk full", layout, report, servedAgain, "");
            report.assertNoViolations();
            assertThat(report.failures()).as("the full disk failed some writes").containsKey("CheckpointStoreUnavailableException");
        }
    }

    @ParameterizedTest
    @EnumSource(SqliteCheckpointStore.Layout.class)
    void filesMadeReadOnly(SqliteCheckpointStore.Layout layout) throws Exception {
        Path base = dir.resolve("ro");
        assumeImmutableAttributeCanBeSet(dir);
        // Four open files at most: the per-execution layout closes and reopens files all the
        // time, so some are opened while they cannot be written.
        try (SqliteCheckpointStore store = builder(base, layout).maxOpenFiles(4).build()) {
            FaultWorkload workload = FaultWorkload.builder(store).build();
            workload.start();
            pause(BEFORE_FAULT);
            List<Duration> servedAgain = new ArrayList<>();
            try {
                for (int round = 0; round < ROUNDS; round++) {
                    chattr("+i", location(base, layout));
                    pause(FAULT);
                    chattr("-i", location(base, layout));
                    servedAgain.add(workload.awaitServing(SERVE_AGAIN_WITHIN));
                    pause(AFTER_FAULT);
                }
            } finally {
                chattr("-i", location(base, layout));
            }
            workload.stop();
            WorkloadReport report = workload.verify(SERVE_AGAIN_WITHIN);
            record("read-only (chattr +i)", layout, report, servedAgain, "");
            report.assertNoViolations();
            if (layout == SqliteCheckpointStore.Layout.PER_EXECUTION) {
                assertThat(report.failures()).as("files could not be created or reopened for writing")
                        .containsKey("CheckpointStoreUnavailableException");
            }
        }
    }

    @ParameterizedTest
    @EnumSource(SqliteCheckpointStore.Layout.class)
    void aCorruptPage(SqliteCheckpointStore.Layout layout) throws Exception {
        int rows = 300;
        Map<String, byte[]> victims = new HashMap<>();
        try (SqliteCheckpointStore store = builder(dir, layout).build()) {
            for (int i = 0; i < rows; i++) {
                String id = String.format("victim-%03d", i);
                // Random bytes behind a marker, by which the test finds the page of a row.
                byte[] state = new byte[400];
                new Random(i).nextBytes(state);
                byte[] marker = (id + "|").getBytes(StandardCharsets.US_ASCII);
                System.arraycopy(marker, 0, state, 0, marker.length);
                victims.put(id, state);
                store.save(Checkpoint.builder("victim").id(id).state(state).build());
            }
        } // closing checkpoints the WAL into the file, so the page below is in the file
        Path file = layout == SqliteCheckpointStore.Layout.SINGLE ? location(dir, layout)
                : location(dir, layout).resolve(FileNames.forExecution("victim"));
        long page = pageHolding(file, "victim-150|");

        try (SqliteCheckpointStore store = builder(dir, layout).build()) {
            FaultWorkload workload = FaultWorkload.builder(store).build();
            workload.start();
            pause(BEFORE_FAULT);
            overwritePage(file, page);
            int corrupted = 0;
            int readable = 0;
            for (Map.Entry<String, byte[]> victim : victims.entrySet()) {
                try {
                    Optional<Checkpoint> loaded = store.load(victim.getKey());
                    assertThat(loaded).as(victim.getKey()).isPresent();
                    assertThat(loaded.get().state()).as(victim.getKey()).isEqualTo(victim.getValue());
                    readable++;
                } catch (CheckpointCorruptedException e) {
                    assertThat(e.checkpointId()).isEqualTo(victim.getKey());
                    corrupted++;
                }
            }
            Duration servedAgain = workload.awaitServing(SERVE_AGAIN_WITHIN);
            pause(AFTER_FAULT);
            workload.stop();
            WorkloadReport report = workload.verify(SERVE_AGAIN_WITHIN);
            record("corrupt page", layout, report, List.of(servedAgain),
                    "; of 300 rows " + corrupted + " reported corrupted by id, " + readable + " read back");
            report.assertNoViolations();
            assertThat(corrupted).as("loads of the rows on the page").isPositive();
            assertThat(readable).as("rows on healthy pages").isGreaterThan(rows / 2);
        }
    }

    @ParameterizedTest
    @EnumSource(SqliteCheckpointStore.Layout.class)
    void sigkillOfAnotherProcessSavingIntoTheSameFiles(SqliteCheckpointStore.Layout layout) throws Exception {
        Map<String, Long> childAcks = new HashMap<>();
        try (SqliteCheckpointStore store = builder(dir, layout).build()) {
            FaultWorkload workload = FaultWorkload.builder(store).build();
            workload.start();
            pause(BEFORE_FAULT);
            List<Duration> servedAgain = new ArrayList<>();
            for (int round = 0; round < ROUNDS; round++) {
                childAcks.putAll(runChildAndKillIt(layout, location(dir, layout), "child" + round + "-"));
                servedAgain.add(workload.awaitServing(SERVE_AGAIN_WITHIN));
                pause(AFTER_FAULT);
            }
            workload.stop();
            WorkloadReport report = workload.verify(SERVE_AGAIN_WITHIN);
            int childLost = lostChildAcks(store, childAcks);
            record("SIGKILL of a second saving process", layout, report, servedAgain,
                    "; the child's acknowledged saves: " + childAcks.size() + ", lost " + childLost);
            report.assertNoViolations();
            assertThat(childLost).as("acknowledged saves of the killed process lost").isZero();
        }
        try (SqliteCheckpointStore reopened = builder(dir, layout).build()) {
            assertThat(lostChildAcks(reopened, childAcks)).as("lost after reopening").isZero();
        }
        for (Path file : SqliteFiles.databaseFiles(location(dir, layout))) {
            assertThat(SqliteFiles.integrityCheck(file)).as(file.toString()).isEqualTo("ok");
        }
    }

    /** Starts a child JVM that saves, kills it with SIGKILL after 100 acknowledged saves. */
    private static Map<String, Long> runChildAndKillIt(SqliteCheckpointStore.Layout layout, Path path, String prefix)
            throws Exception {
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), SaverChild.class.getName(),
                layout.name(), path.toString(), prefix)
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        Map<String, Long> acks = new HashMap<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                String[] parts = line.split(" ");
                if (parts.length == 3 && parts[0].equals("ack")) {
                    acks.put(parts[1], Long.parseLong(parts[2]));
                    if (acks.size() == 100) {
                        // Through the handle, so that the acks already in the pipe are read after it.
                        child.toHandle().destroyForcibly();
                    }
                }
            }
        } finally {
            child.destroyForcibly();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(child.exitValue()).as("killed, not exited").isEqualTo(137);
        assertThat(acks.size()).isGreaterThanOrEqualTo(100);
        return acks;
    }

    private static int lostChildAcks(SqliteCheckpointStore store, Map<String, Long> acks) {
        int lost = 0;
        for (Map.Entry<String, Long> ack : acks.entrySet()) {
            Optional<Checkpoint> stored = store.load(ack.getKey());
            CRC32 crc = new CRC32();
            stored.ifPresent(c -> crc.update(c.state()));
            if (stored.isEmpty() || crc.getValue() != ack.getValue()) {
                lost++;
            }
        }
        return lost;
    }

    private static void record(String fault, SqliteCheckpointStore.Layout layout, WorkloadReport report,
                               List<Duration> servedAgain, String extra) {
        FIGURES.add(String.format("%-36s %-13s faults %d, operations %d, acknowledged writes %d, failed %d %s,"
                        + " acknowledged writes lost %d, violations %d, served again after %s%s",
                fault, layout, servedAgain.size(), report.operations(), report.acknowledgedWrites(),
                report.failedOperations(), report.failures(), report.lostAcknowledgedWrites(), report.violations().size(),
                servedAgain.stream().map(d -> d.toMillis() + " ms").collect(Collectors.joining(", ")), extra));
    }

    private static void pause(Duration d) throws InterruptedException {
        Thread.sleep(d.toMillis());
    }

    /**
     * Sets or clears the immutable attribute of a directory and of the database files in it,
     * not of their {@code -wal} and {@code -shm} files: a file opened while it is immutable is
     * opened read-only, and no file can be created or removed in the directory.
     */
    /**
     * Skips the read-only runs, saying why, where the immutable attribute cannot be set (not root,
     * or a file system without it); everywhere else a failing {@code chattr} fails the test.
     */
    private static void assumeImmutableAttributeCanBeSet(Path directory) throws IOException, InterruptedException {
        Path probe = Files.createFile(directory.resolve("chattr-probe"));
        Process p = new ProcessBuilder("chattr", "+i", probe.toString()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        boolean set = p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        if (set) {
            new ProcessBuilder("chattr", "-i", probe.toString()).start().waitFor(30, TimeUnit.SECONDS);
        }
        Files.deleteIfExists(probe);
        Assumptions.assumeTrue(set, () -> "skipped: the read-only fault needs 'chattr +i' (root, or CAP_LINUX_IMMUTABLE,"
                + " on a file system with the immutable attribute), which failed: " + output.strip());
    }

    private static void chattr(String flag, Path path) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("chattr", flag));
        Path directory = Files.isDirectory(path) ? path : path.getParent();
        command.add(directory.toString());
        for (Path file : SqliteFiles.databaseFiles(path)) {
            command.add(file.toString());
        }
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(command + ": " + output).isZero();
    }

    /** The page of a file that holds the given marker bytes. */
    private static long pageHolding(Path file, String marker) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        byte[] needle = marker.getBytes(StandardCharsets.US_ASCII);
        outer:
        for (int i = 0; i + needle.length <= bytes.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (bytes[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i / 4096;
        }
        throw new AssertionError(marker + " is not in " + file);
    }

    private static void overwritePage(Path file, long page) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            byte[] garbage = new byte[4096];
            Arrays.fill(garbage, (byte) 0x5a);
            ch.write(ByteBuffer.wrap(garbage), page * 4096);
            ch.force(true);
        }
    }
}
