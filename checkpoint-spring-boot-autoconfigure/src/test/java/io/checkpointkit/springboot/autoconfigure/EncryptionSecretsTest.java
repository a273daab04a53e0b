package io.checkpointkit.springboot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.checkpointkit.Checkpoint;
import io.checkpointkit.CheckpointStore;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Key material never leaves the key source: not in health details, logs, the bean's
 * {@code toString}, start-up failures (with their causes and Boot's report). The metadata
 * defaults are checked in {@link PropertiesMetadataTest}.
 */
class EncryptionSecretsTest {

    @TempDir
    Path dir;

    @Test
    void aRunningStoreShowsKeyIdsAndNeverKeys() throws Exception {
        String key = StateCodecsAutoConfigurationTest.randomKey();
        Path file = Files.writeString(dir.resolve("keys"), "visible-id=" + key + "\n");
        String logs = capturingLogs(() -> Contexts.memoryRunner()
                .withPropertyValues("checkpointkit.encryption.enabled=true", "checkpointkit.encryption.keys-file=" + file,
                        "checkpointkit.compression.enabled=true")
                .run(context -> {
                    CheckpointStore store = context.getBean(CheckpointStore.class);
                    store.save(Checkpoint.builder("exec-1").id("cp-1").state(new byte[] {1, 2, 3}).build());
                    assertThat(store.load("cp-1")).isPresent();
                    Contexts.HealthReport health = Contexts.health(context);
                    assertThat(health.status()).isEqualTo("UP");
                    assertThat(health.details().toString()).doesNotContain(key);
                    assertThat(store.toString()).doesNotContain(key);
                    for (CheckpointStore layer : Contexts.managed(context).layers()) {
                        assertThat(layer.toString()).doesNotContain(key);
                    }
                }));
        assertThat(logs).as("the start-up line names the key source and ids").contains("visible-id", file.toString());
        assertThat(logs).doesNotContain(key);
    }

    @Test
    void aMalformedKeyFileIsReportedByLineNeverByItsKeys() throws Exception {
        String good = StateCodecsAutoConfigurationTest.randomKey();
        String broken = StateCodecsAutoConfigurationTest.randomKey().substring(0, 30) + "!!";
        expectNoKeyInFailure(Files.writeString(dir.resolve("broken"), "k1=" + good + "\nk2=" + broken + "\n"),
                good, broken);
        String pastedWithoutId = StateCodecsAutoConfigurationTest.randomKey();
        expectNoKeyInFailure(Files.writeString(dir.resolve("no-id"), pastedWithoutId + "\n"), pastedWithoutId);
        String shortKey = StateCodecsAutoConfigurationTest.randomKey().substring(0, 20);
        expectNoKeyInFailure(Files.writeString(dir.resolve("short"), "k1=" + shortKey + "\n"), shortKey);
    }

    private void expectNoKeyInFailure(Path file, String... keys) {
        String logs = capturingLogs(() -> Contexts.memoryRunner()
                .withPropertyValues("checkpointkit.encryption.enabled=true", "checkpointkit.encryption.keys-file=" + file)
                .run(context -> {
                    Throwable failure = context.getStartupFailure();
                    InvalidCheckpointKitPropertyException invalid = StoreAutoConfigurationTest.rootCause(failure,
                            InvalidCheckpointKitPropertyException.class);
                    assertThat(invalid.property()).isEqualTo("checkpointkit.encryption.keys-file");
                    assertThat(invalid.getMessage()).contains(file.toString());
                    FailureAnalysis report = new CheckpointKitFailureAnalyzer().analyze(failure);
                    StringWriter trace = new StringWriter();
                    failure.printStackTrace(new PrintWriter(trace));
                    for (String key : keys) {
                        assertThat(trace.toString()).doesNotContain(key);
                        assertThat(report.getDescription() + report.getAction()).doesNotContain(key);
                    }
                }));
        for (String key : keys) {
            assertThat(logs).doesNotContain(key);
        }
    }

    /** Runs the action with System.out and System.err (where slf4j-simple writes) captured. */
    private static String capturingLogs(Runnable action) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream capture = new PrintStream(captured, true, StandardCharsets.UTF_8);
        System.setOut(capture);
        System.setErr(capture);
        try {
            action.run();
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }
}
