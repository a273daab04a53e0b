package io.checkpointkit.compression;

import io.checkpointkit.Checkpoint;
import io.checkpointkit.CheckpointQuery;
import io.checkpointkit.CheckpointStore;
import io.checkpointkit.memory.MemoryCheckpointStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What is compressed, how it is recorded, and that the record stays hidden. */
class CompressingCheckpointStoreTest {

    private final CheckpointStore raw = MemoryCheckpointStore.create();
    private final CompressingCheckpointStore store = CompressingCheckpointStore.wrap(raw, CompressionConfig.defaults());

    @AfterEach
    void close() {
        store.close();
    }

    /** A JSON chat history of exactly {@code bytes} bytes (at least 64). */
    static byte[] json(int bytes) {
        String tail = "{\"role\":\"assistant\",\"content\":\"done\"}]}";
        StringBuilder sb = new StringBuilder("{\"messages\":[");
        for (int i = 0; ; i++) {
            String message = "{\"role\":\"user\",\"content\":\"step " + i + " of the plan\"},";
            if (sb.length() + message.length() + tail.length() > bytes) {
                break;
            }
            sb.append(message);
        }
        sb.append(" ".repeat(bytes - sb.length() - tail.length())).append(tail);
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void stateAtTheThresholdIsStoredCompressedAndReadBackWhole() {
        byte[] state = json(CompressionConfig.DEFAULT_THRESHOLD);
        Checkpoint saved = store.save(Checkpoint.builder("e").id("c").state(state).putMetadata("step", "1").build());

        Checkpoint stored = raw.load("c").orElseThrow();
        assertThat(stored.metadata()).containsEntry(CompressingCheckpointStore.CODEC_METADATA_KEY, "zstd");
        assertThat(stored.stateSize()).isLessThan(state.length);
        assertThat(saved.state()).isEqualTo(state);
        assertThat(saved.metadata()).isEqualTo(Map.of("step", "1"));
        assertThat(store.load("c")).contains(saved);
        assertThat(store.latest("e")).contains(saved);
        assertThat(store.list("e")).containsExactly(saved);
    }

    @Test
    void stateBelowTheThresholdIsStoredAsGiven() {
        byte[] state = json(CompressionConfig.DEFAULT_THRESHOLD - 1);
        store.save(Checkpoint.builder("e").id("c").state(state).build());

        Checkpoint stored = raw.load("c").orElseThrow();
        assertThat(stored.metadata()).doesNotContainKey(CompressingCheckpointStore.CODEC_METADATA_KEY);
        assertThat(stored.state()).isEqualTo(state);
    }

    @Test
    void userMetadataFiltersSelectCompressedCheckpoints() {
        store.save(Checkpoint.builder("e").id("a").state(json(4096)).putMetadata("source", "loop").build());
        store.save(Checkpoint.builder("e").id("b").state(json(4096)).putMetadata("source", "input").build());

        assertThat(store.list("e", CheckpointQuery.builder().metadata("source", "loop").build()))
                .extracting(Checkpoint::id).containsExactly("a");
    }

    @Test
    void theReservedKeyCannotBeSavedOrQueried() {
        Checkpoint withKey = Checkpoint.builder("e").id("c")
                .putMetadata(CompressingCheckpointStore.CODEC_METADATA_KEY, "zstd").build();
        assertThatThrownBy(() -> store.save(withKey)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(CompressingCheckpointStore.CODEC_METADATA_KEY);
        CheckpointQuery query = CheckpointQuery.builder()
                .metadata(CompressingCheckpointStore.CODEC_METADATA_KEY, "zstd").build();
        assertThatThrownBy(() -> store.list("e", query)).isInstanceOf(IllegalArgumentException.class);
        assertThat(raw.list("e")).isEmpty();
    }

    @Test
    void statsCountWhatWasStored() {
        store.save(Checkpoint.builder("e").state(json(8192)).build());
        store.save(Checkpoint.builder("e").state(new byte[10]).build());

        CompressionStats stats = store.stats();
        assertThat(stats.compressedSaves()).isEqualTo(1);
        assertThat(stats.uncompressedSaves()).isEqualTo(1);
        assertThat(stats.stateBytes()).isEqualTo(8192 + 10);
        assertThat(stats.storedBytes()).isLessThan(8192 / 4);
    }
}
