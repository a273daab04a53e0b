package io.checkpointkit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the built jar, {@code java -jar target/checkpointctl.jar}, as a user would. Surefire runs
 * this class in the {@code package} phase, after the shade plugin made the jar (see the pom).
 * A crashed demo resumes in a new JVM; the TCK, which needs JUnit and AssertJ inside the jar,
 * runs from it; every backend is discoverable through the merged service files.
 */
class ShadedJarTest {

    private static final Path JAR = Path.of("target", "checkpointctl.jar").toAbsolutePath();

    @TempDir
    Path dir;

    private record Run(int exitCode, String out, String err) {
    }

    @BeforeAll
    static void theJarIsBuilt() {
        assertThat(JAR).as("the shaded jar; run `mvn -pl checkpoint-cli package`").exists();
    }

    private Run checkpointctl(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-jar");
        command.add(JAR.toString());
        command.addAll(List.of(args));
        Path out = dir.resolve("out.txt");
        Path err = dir.resolve("err.txt");
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().remove(CheckpointCtl.STORE_ENV);
        Process process = builder.start();
        if (!process.waitFor(180, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("checkpointctl " + String.join(" ", args) + " did not finish within 180 s");
        }
        return new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    @Test
    void aCrashedDemoResumesFromTheLatestCheckpointInANewJvm() throws Exception {
        Run crashed = checkpointctl("demo", "--steps", "16", "--crash-after", "7");

        assertThat(crashed.exitCode()).as(crashed.toString()).isEqualTo(ExitCodes.SIMULATED_CRASH);
        assertThat(crashed.out()).contains("store: sqlite:./checkpointkit.db").contains("demo-agent:step-007")
                .doesNotContain("step-008").doesNotContain("finished");
        assertThat(crashed.err()).contains("simulated crash after 7 checkpoints");
        assertThat(dir.resolve("checkpointkit.db")).exists();

        Run resumed = checkpointctl("demo");

        assertThat(resumed.exitCode()).as(resumed.toString()).isZero();
        assertThat(resumed.out()).contains("resuming execution demo-agent from step 7 of 16 (checkpoint demo-agent:step-007)")
                .contains("finished execution demo-agent: step 16 of 16, 9 checkpoints saved in this run")
                .contains("11 stored (the latest 10 + 1 pinned)");
        assertThat(resumed.err()).isEmpty();

        Run history = checkpointctl("history", "demo-agent");
        assertThat(history.out()).contains("demo-agent:step-000", "demo-agent:step-007", "demo-agent:step-016")
                .doesNotContain("demo-agent:step-006").contains("11 checkpoints");
    }

    @Test
    void theTckRunsFromTheJar() throws Exception {
        Run r = checkpointctl("tck", "memory:");

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).containsPattern("CheckpointStore TCK: [1-9]\\d* passed, 0 failed");
    }

    @Test
    void everyBackendIsOnTheJarsClassPath() throws Exception {
        Run r = checkpointctl("stats", "--store", "nosuch:x");

        assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("schemes on the class path: [").contains("memory", "postgresql", "redis,", "rediss", "redis-cluster", "sqlite");
    }
}
