package io.checkpointkit.sqlite;

import io.checkpointkit.Checkpoint;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A child JVM saves in a loop and prints every acknowledged id; the test kills it with SIGKILL
 * mid-run, reopens, and finds every acknowledged id intact and the files clean.
 */
class CrashSafetyTest {

    private static final int REPETITIONS = 3;
    private static final int ACKS_BEFORE_KILL = 150;

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(SqliteCheckpointStore.Layout.class)
    void everyAcknowledgedSaveSurvivesSigkill(SqliteCheckpointStore.Layout layout) throws Exception {
        Path path = dir.resolve(layout == SqliteCheckpointStore.Layout.SINGLE ? "crash.db" : "crash");
        Set<String> acknowledged = new HashSet<>();
        for (int run = 0; run < REPETITIONS; run++) {
            Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), CrashChild.class.getName(),
                    layout.name(), path.toString(), "run" + run)
                    .redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start();
            int acks = 0;
            try (BufferedReader out = new BufferedReader(
                    new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = out.readLine()) != null) {
                    if (line.startsWith("ack ")) {
                        acknowledged.add(line.substring(4));
                        if (++acks == ACKS_BEFORE_KILL) {
                            // SIGKILL on Linux. Through the handle, so that the output stream stays
                            // open: the acks already written to the pipe are read after the kill.
                            child.toHandle().destroyForcibly();
                        }
                    }
                }
            } finally {
                child.destroyForcibly();
                assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
            }
            assertThat(acks).as("the child acknowledged saves before it was killed").isGreaterThanOrEqualTo(ACKS_BEFORE_KILL);
            assertThat(child.exitValue()).as("killed, not exited").isEqualTo(137);

            try (SqliteCheckpointStore store = SqliteCheckpointStore.builder().path(path).layout(layout).build()) {
                Set<String> stored = new HashSet<>();
                for (int e = 0; e < 3; e++) {
                    store.list("exec-" + e).forEach(c -> stored.add(c.id()));
                }
                assertThat(stored).containsAll(acknowledged);
                String someId = acknowledged.iterator().next();
                assertThat(store.load(someId)).map(Checkpoint::id).contains(someId);
            }
            for (Path file : SqliteFiles.databaseFiles(path)) {
                assertThat(SqliteFiles.integrityCheck(file)).as(file.toString()).isEqualTo("ok");
            }
        }
    }
}
