package io.checkpointkit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.checkpointkit.Checkpoint;
import io.checkpointkit.CheckpointCorruptedException;
import io.checkpointkit.CheckpointStore;
import io.checkpointkit.encryption.EncryptingCheckpointStore;
import io.checkpointkit.encryption.EncryptionConfig;
import io.checkpointkit.encryption.KeyProviders;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code checkpointctl reencrypt}: moves states to the last key, shows progress, reports what it cannot read. */
class ReencryptCommandTest {

    private static final String K1 = "k1=" + key(1);
    private static final String K2 = "k2=" + key(2);

    @TempDir
    Path directory;

    private final Cli cli = new Cli();

    @Test
    void movesEveryStateToTheLastKeyOfTheFileWithProgress() throws Exception {
        EncryptingCheckpointStore old = encrypting(cli.memory, K1);
        for (int e = 0; e < 3; e++) {
            old.save(Checkpoint.builder("exec-" + e).id("c-" + e).state(("s" + e).getBytes(StandardCharsets.UTF_8)).build());
        }
        Path keys = Files.writeString(directory.resolve("keys"), K1 + "\n" + K2 + "\n");
        cli.terminal = true;
        Cli.Result result = cli.run("reencrypt", "--store", "memory:", "--keys-file", keys.toString());
        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out()).contains("key ring: KeyRing{keyIds=[k1, k2], primary=k2}",
                "moved to key k2: 3 checkpoints rewritten, 0 already current, 0 deleted meanwhile, in 3 executions");
        assertThat(result.err()).contains("reencrypt [", "3/3");
        assertThat(result.toString()).doesNotContain(key(1), key(2));
        EncryptingCheckpointStore onlyK2 = encrypting(cli.memory, K2);
        assertThat(new String(onlyK2.load("c-2").orElseThrow().state(), StandardCharsets.UTF_8)).isEqualTo("s2");
    }

    @Test
    void readsTheKeysFromTheEnvironmentAndResumesAfterAnExecution() {
        EncryptingCheckpointStore old = encrypting(cli.memory, K1);
        old.save(Checkpoint.builder("a").id("in-a").build());
        old.save(Checkpoint.builder("b").id("in-b").build());
        cli.env.put(ReencryptCommand.KEYS_ENV, K1 + "," + K2);
        Cli.Result result = cli.run("reencrypt", "--store", "memory:", "--after", "a");
        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out()).contains("1 checkpoints rewritten", "in 1 executions");
        EncryptingCheckpointStore onlyK2 = encrypting(cli.memory, K2);
        assertThat(onlyK2.load("in-b")).isPresent();
        try {
            onlyK2.load("in-a");
            throw new AssertionError("in-a was before --after and should still be under k1");
        } catch (CheckpointCorruptedException expected) {
            assertThat(expected.checkpointId()).isEqualTo("in-a");
        }
    }

    @Test
    void unreadableCheckpointsAreListedAndExitWithOne() {
        encrypting(cli.memory, "lost=" + key(9)).save(Checkpoint.builder("x").id("orphan").build());
        cli.env.put("MY_KEYS", K1 + "," + K2);
        Cli.Result result = cli.run("reencrypt", "--store", "memory:", "--keys-env", "MY_KEYS");
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.CHECK_FAILED);
        assertThat(result.err()).contains("unreadable: checkpoint 'orphan' is corrupted: its key 'lost' is not in the key ring");
        assertThat(result.out()).contains("not finished: 1 unreadable");
    }

    @Test
    void missingKeysAreAUsageError() {
        Cli.Result result = cli.run("reencrypt", "--store", "memory:");
        assertThat(result.exitCode()).as(result.toString()).isNotZero();
        assertThat(result.err()).contains(ReencryptCommand.KEYS_ENV + " is not set");
    }

    private static EncryptingCheckpointStore encrypting(CheckpointStore store, String keys) {
        return EncryptingCheckpointStore.wrap(store, // never closed: the Cli's shared memory store
                EncryptionConfig.builder().keyProvider(KeyProviders.fixed(KeyProviders.parse(keys, "test"))).build());
    }

    private static String key(int seed) {
        byte[] material = new byte[32];
        for (int i = 0; i < material.length; i++) {
            material[i] = (byte) (seed * 31 + i);
        }
        return Base64.getEncoder().encodeToString(material);
    }
}
