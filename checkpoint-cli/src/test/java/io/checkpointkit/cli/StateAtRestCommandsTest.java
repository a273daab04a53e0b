package io.checkpointkit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.checkpointkit.Checkpoint;
import io.checkpointkit.CheckpointStore;
import io.checkpointkit.compression.CompressingCheckpointStore;
import io.checkpointkit.compression.CompressionConfig;
import io.checkpointkit.encryption.EncryptingCheckpointStore;
import io.checkpointkit.encryption.EncryptionConfig;
import io.checkpointkit.encryption.KeyProviders;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Compressed and encrypted SQLite stores through the commands: {@code --keys-file} /
 * {@code --keys-env} on the store read, {@code migrate --compress --to-keys-file} on the store
 * written.
 */
class StateAtRestCommandsTest {

    private static final String KEYS = "k1=" + Base64.getEncoder().encodeToString(filled(1));
    private static final byte[] ENCRYPTED_MAGIC = {(byte) 0x89, 'C', 'K', 'E'};

    @TempDir
    Path dir;

    private final Cli cli = new Cli();

    @Test
    void migrateIntoACompressedEncryptedStoreThenShowItWithTheKeys() throws Exception {
        String from = "sqlite:" + dir.resolve("plain.db");
        byte[] state = chatHistory();
        try (CheckpointStore plain = cli.open(from)) {
            plain.save(Checkpoint.builder("exec-1").id("cp-1").nodeName("agent").state(state)
                    .putMetadata("step", "1").build());
        }
        Path keys = Files.writeString(dir.resolve("keys"), KEYS + "\n");
        String to = "sqlite:" + dir.resolve("at-rest.db");

        Cli.Result migrate = cli.run("migrate", "--from", from, "--to", to, "--compress",
                "--to-keys-file", keys.toString());

        assertThat(migrate.exitCode()).as(migrate.toString()).isZero();
        try (CheckpointStore backend = cli.open(to)) {
            byte[] stored = backend.load("cp-1").orElseThrow().state();
            assertThat(Arrays.copyOf(stored, 4)).as("encrypted on disk").isEqualTo(ENCRYPTED_MAGIC);
            assertThat(stored.length).as("compressed before encryption").isLessThan(state.length / 3);
        }
        try (CheckpointStore decorated = CompressingCheckpointStore.wrap(EncryptingCheckpointStore.wrap(cli.open(to),
                EncryptionConfig.builder().keyProvider(KeyProviders.file(keys)).build()), CompressionConfig.defaults())) {
            assertThat(decorated.load("cp-1").orElseThrow().state()).isEqualTo(state);
        }

        cli.env.put("APP_KEYS", KEYS);
        Cli.Result show = cli.run("show", "cp-1", "--store", to, "--keys-env", "APP_KEYS");

        assertThat(show.exitCode()).as(show.toString()).isZero();
        assertThat(show.out()).contains("state      " + state.length + " bytes", "  step = 1", "\"role\" : \"tool\"")
                .doesNotContain(CompressingCheckpointStore.CODEC_METADATA_KEY);
        assertThat(show.toString()).doesNotContain(KEYS.substring(3));

        Cli.Result withoutKeys = cli.run("show", "cp-1", "--store", to);

        assertThat(withoutKeys.exitCode()).as(withoutKeys.toString()).isEqualTo(ExitCodes.ERROR);
        assertThat(withoutKeys.err()).contains("cp-1", "corrupted");
    }

    @Test
    void anEncryptedStoreCopiedOutWithItsKeysIsPlainAgainAndVerifies() throws Exception {
        Path keys = Files.writeString(dir.resolve("keys"), KEYS + "\n");
        String from = "sqlite:" + dir.resolve("encrypted.db");
        try (CheckpointStore store = EncryptingCheckpointStore.wrap(cli.open(from),
                EncryptionConfig.builder().keyProvider(KeyProviders.file(keys)).build())) {
            store.save(Checkpoint.builder("exec-1").id("cp-1").state("{\"a\":1}".getBytes(StandardCharsets.UTF_8)).build());
        }
        String to = "sqlite:" + dir.resolve("plain.db");

        Cli.Result r = cli.run("migrate", "--from", from, "--to", to, "--keys-file", keys.toString());

        assertThat(r.exitCode()).as(r.toString()).isZero();
        try (CheckpointStore plain = cli.open(to)) {
            assertThat(new String(plain.load("cp-1").orElseThrow().state(), StandardCharsets.UTF_8)).isEqualTo("{\"a\":1}");
        }
    }

    @Test
    void aStateUnderAnotherKeyIsReportedAsCorruptedWithoutTheKeys() throws Exception {
        String uri = "sqlite:" + dir.resolve("encrypted.db");
        try (CheckpointStore store = EncryptingCheckpointStore.wrap(cli.open(uri), EncryptionConfig.builder()
                .keyProvider(KeyProviders.environment(Map.of("K", "k1=" + Base64.getEncoder()
                        .encodeToString(filled(2))), "K")).build())) {
            store.save(Checkpoint.builder("exec-1").id("cp-1").state(new byte[] {1}).build());
        }
        cli.env.put("APP_KEYS", KEYS);

        Cli.Result r = cli.run("show", "cp-1", "--store", uri, "--keys-env", "APP_KEYS");

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.ERROR);
        assertThat(r.err()).contains("cp-1", "does not authenticate").doesNotContain(KEYS.substring(3));
    }

    @Test
    void commandsThatNeverLookInsideAStateWorkWithoutTheKeys() throws Exception {
        Path keys = Files.writeString(dir.resolve("keys"), KEYS + "\n");
        String uri = "sqlite:" + dir.resolve("at-rest.db");
        try (CheckpointStore store = CompressingCheckpointStore.wrap(EncryptingCheckpointStore.wrap(cli.open(uri),
                EncryptionConfig.builder().keyProvider(KeyProviders.file(keys)).build()), CompressionConfig.defaults())) {
            for (int i = 0; i < 3; i++) {
                store.save(Checkpoint.builder("exec-1").id("cp-" + i).state(chatHistory()).build());
            }
        }

        Cli.Result dryRun = cli.run("trim", "--store", uri, "--execution", "exec-1", "--keep", "1", "--dry-run");
        Cli.Result stats = cli.run("stats", "--store", uri);

        assertThat(dryRun.exitCode()).as(dryRun.toString()).isZero();
        assertThat(dryRun.out()).contains("2");
        assertThat(stats.exitCode()).as(stats.toString()).isZero();
        assertThat(stats.out()).contains("3");
    }

    @Test
    void bothKeyOptionsAreAUsageErrorBeforeTheStoreIsOpened() throws Exception {
        Path keys = Files.writeString(dir.resolve("keys"), KEYS + "\n");
        Path missing = dir.resolve("never-created.db");
        cli.env.put("APP_KEYS", KEYS);

        Cli.Result r = cli.run("history", "exec-1", "--store", "sqlite:" + missing, "--keys-file", keys.toString(),
                "--keys-env", "APP_KEYS");

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("--keys-file and --keys-env are exclusive");
        assertThat(missing).doesNotExist();
    }

    private static byte[] filled(int value) {
        byte[] key = new byte[32];
        Arrays.fill(key, (byte) value);
        return key;
    }

    private static byte[] chatHistory() {
        StringBuilder json = new StringBuilder("{\"messages\":[");
        for (int turn = 0; turn < 60; turn++) {
            json.append("{\"role\":\"user\",\"content\":\"turn ").append(turn).append(": find a flight\"},")
                    .append("{\"role\":\"tool\",\"content\":\"flight TP").append(400 + turn).append(" at 80 EUR\"},");
        }
        return json.append("{\"role\":\"assistant\",\"content\":\"done\"}]}").toString().getBytes(StandardCharsets.UTF_8);
    }
}
