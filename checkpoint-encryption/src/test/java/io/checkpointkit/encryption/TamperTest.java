package io.checkpointkit.encryption;

import static io.checkpointkit.encryption.TestKeys.K1;
import static io.checkpointkit.encryption.TestKeys.K2;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.checkpointkit.Checkpoint;
import io.checkpointkit.CheckpointCorruptedException;
import io.checkpointkit.CheckpointStore;
import io.checkpointkit.memory.MemoryCheckpointStore;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Stored bytes changed behind the decorator's back (written straight into the store it wraps)
 * give a {@link CheckpointCorruptedException} naming the checkpoint, never other bytes, and leave
 * the other checkpoints readable.
 */
class TamperTest {

    private static final byte[] STATE = "{\"messages\":[\"hello\",\"world\"]}".getBytes(StandardCharsets.UTF_8);

    private final CheckpointStore raw = MemoryCheckpointStore.create();
    private final EncryptingCheckpointStore store = TestKeys.encrypting(raw, K1);
    private final Checkpoint a = store.save(Checkpoint.builder("exec").id("a").state(STATE).build());
    private final Checkpoint b = store.save(Checkpoint.builder("exec").id("b").state("other".getBytes(StandardCharsets.UTF_8)).build());
    private final Checkpoint witness = store.save(Checkpoint.builder("exec-2").id("witness").state(STATE).build());

    @Test
    void storedStateIsNotThePlaintext() {
        byte[] stored = raw.load("a").orElseThrow().state();
        assertThat(stored).hasSize(STATE.length + 34 + 2);
        assertThat(new String(stored, StandardCharsets.ISO_8859_1)).doesNotContain("hello");
        assertThat(Arrays.copyOf(stored, 4)).isEqualTo(StateCipher.MAGIC);
    }

    @Test
    void everySingleBitFlipIsDetected() {
        byte[] stored = raw.load("a").orElseThrow().state();
        for (int bit = 0; bit < stored.length * 8; bit++) {
            byte[] flipped = stored.clone();
            flipped[bit / 8] ^= (byte) (1 << (bit % 8));
            writeRaw("a", flipped);
            assertCorrupted("a");
        }
        writeRaw("a", stored);
        assertThat(store.load("a").orElseThrow().state()).isEqualTo(STATE);
    }

    @Test
    void statesSwappedBetweenTwoCheckpointsAreDetected() {
        byte[] stateOfA = raw.load("a").orElseThrow().state();
        writeRaw("a", raw.load("b").orElseThrow().state());
        writeRaw("b", stateOfA);
        assertCorrupted("a");
        assertCorrupted("b");
        assertThatThrownBy(() -> store.list("exec")).isInstanceOf(CheckpointCorruptedException.class);
        assertThat(store.load("witness")).contains(witness);
    }

    @Test
    void stateCopiedToTheSameIdInAnotherExecutionIsDetected() {
        byte[] stateOfA = raw.load("a").orElseThrow().state();
        raw.save(Checkpoint.builder("exec-3").id("copy").state(stateOfA).build());
        raw.delete("a");
        raw.save(Checkpoint.builder("exec-3").id("a").state(stateOfA).build());
        assertCorrupted("a");
        assertCorrupted("copy");
    }

    @Test
    void aDifferentKeyUnderTheSameIdIsDetected() {
        EncryptingCheckpointStore wrongKey = TestKeys.encrypting(raw, EncryptionKey.generate("k1"));
        assertThatThrownBy(() -> wrongKey.load("a")).isInstanceOfSatisfying(CheckpointCorruptedException.class,
                e -> assertThat(e.checkpointId()).isEqualTo("a"));
        assertThat(store.load("b")).contains(b);
    }

    @Test
    void aKeyRemovedFromTheRingIsReported() {
        EncryptingCheckpointStore withoutK1 = TestKeys.encrypting(raw, K2);
        assertThatThrownBy(() -> withoutK1.load("a")).isInstanceOfSatisfying(CheckpointCorruptedException.class,
                e -> assertThat(e.getMessage()).contains("'a'", "key 'k1' is not in the key ring [k2]"));
        withoutK1.save(Checkpoint.builder("exec-4").id("new").state(STATE).build());
        assertThat(withoutK1.load("new").orElseThrow().state()).isEqualTo(STATE);
        assertThat(withoutK1.stats().corrupted()).isEqualTo(1);
    }

    @Test
    void aStateThatWasNeverEncryptedIsRefused() {
        raw.save(Checkpoint.builder("exec-5").id("plain").state(STATE).build());
        raw.save(Checkpoint.builder("exec-5").id("empty").build());
        assertThatThrownBy(() -> store.load("plain")).isInstanceOf(CheckpointCorruptedException.class)
                .hasMessageContaining("not encrypted");
        assertThatThrownBy(() -> store.load("empty")).isInstanceOf(CheckpointCorruptedException.class);
    }

    @Test
    void aTruncatedOrUnknownVersionStateIsRefused() {
        byte[] stored = raw.load("a").orElseThrow().state();
        for (int length = 0; length < stored.length; length++) {
            writeRaw("a", Arrays.copyOf(stored, length));
            assertCorrupted("a");
        }
        byte[] future = stored.clone();
        future[4] = 2;
        writeRaw("a", future);
        assertThatThrownBy(() -> store.load("a")).hasMessageContaining("unknown encryption format version 2");
    }

    @Test
    void emptyStatesAreEncryptedToo() {
        store.save(Checkpoint.builder("exec-6").id("e").build());
        assertThat(raw.load("e").orElseThrow().state()).hasSize(36);
        assertThat(store.load("e").orElseThrow().state()).isEmpty();
    }

    @Test
    void sameStateEncryptsDifferentlyEachTime() {
        byte[] first = raw.load("a").orElseThrow().state();
        store.save(a.toBuilder().version(0).build());
        assertThat(raw.load("a").orElseThrow().state()).isNotEqualTo(first);
    }

    private void writeRaw(String id, byte[] state) {
        Checkpoint stored = raw.load(id).orElseThrow();
        raw.save(stored.toBuilder().state(state).version(0).build());
    }

    private void assertCorrupted(String id) {
        assertThatThrownBy(() -> store.load(id)).isInstanceOfSatisfying(CheckpointCorruptedException.class,
                e -> assertThat(e.checkpointId()).isEqualTo(id));
        assertThat(store.load("witness")).contains(witness);
    }
}
