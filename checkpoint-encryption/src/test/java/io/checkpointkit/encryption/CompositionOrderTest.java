package io.checkpointkit.encryption;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.checkpointkit.Checkpoint;
import io.checkpointkit.CheckpointStore;
import io.checkpointkit.compression.CompressingCheckpointStore;
import io.checkpointkit.compression.CompressionConfig;
import io.checkpointkit.decorators.AutoTrimConfig;
import io.checkpointkit.decorators.AutoTrimmingCheckpointStore;
import io.checkpointkit.decorators.CircuitBreakerConfig;
import io.checkpointkit.decorators.CircuitBreakingCheckpointStore;
import io.checkpointkit.memory.MemoryCheckpointStore;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Compress, then encrypt. The right order shrinks what is stored; the wrong order is refused at
 * {@code wrap}, whether the compressing store is the encrypting store's direct delegate or lies
 * further down behind other decorators ({@code ForwardingCheckpointStore.layers}).
 */
class CompositionOrderTest {

    private static final byte[] CHAT = ("{\"role\":\"user\",\"content\":\"What is the weather in Paris?\"},"
            + "{\"role\":\"tool\",\"name\":\"weather\",\"content\":\"{\\\"temp\\\":21,\\\"sky\\\":\\\"clear\\\"}\"},")
            .repeat(200).getBytes(StandardCharsets.UTF_8);

    private final CheckpointStore raw = MemoryCheckpointStore.create();

    @Test
    void compressingOutsideEncryptingStoresFewerBytesAndReadsBack() {
        CheckpointStore store = CompressingCheckpointStore.wrap(TestKeys.encrypting(raw, TestKeys.K1),
                CompressionConfig.defaults());
        store.save(Checkpoint.builder("e").id("c").state(CHAT).build());
        Checkpoint stored = raw.load("c").orElseThrow();
        assertThat(stored.stateSize()).isLessThan(CHAT.length / 10);
        assertThat(StateCipher.keyIdOf("c", stored.state())).isEqualTo("k1");
        assertThat(stored.metadata()).containsKey(CompressingCheckpointStore.CODEC_METADATA_KEY);
        assertThat(store.load("c").orElseThrow().state()).isEqualTo(CHAT);
    }

    @Test
    void encryptingDirectlyAroundCompressingIsRefused() {
        CheckpointStore compressing = CompressingCheckpointStore.wrap(raw, CompressionConfig.defaults());
        assertThatThrownBy(() -> TestKeys.encrypting(compressing, TestKeys.K1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("compress, then encrypt");
    }

    @Test
    void theRefusalNamesTheRealClass() throws Exception {
        assertThat(Class.forName(EncryptingCheckpointStore.COMPRESSING_STORE)).isEqualTo(CompressingCheckpointStore.class);
    }

    @Test
    void aCompressingStoreBehindOtherDecoratorsIsRefusedToo() {
        CheckpointStore compressing = CompressingCheckpointStore.wrap(raw, CompressionConfig.defaults());
        CheckpointStore hidden = CircuitBreakingCheckpointStore.wrap(
                AutoTrimmingCheckpointStore.wrap(compressing, AutoTrimConfig.builder().build()),
                CircuitBreakerConfig.defaults());
        assertThatThrownBy(() -> TestKeys.encrypting(hidden, TestKeys.K1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("compress, then encrypt")
                .hasMessageContaining("[CircuitBreakingCheckpointStore, AutoTrimmingCheckpointStore,"
                        + " CompressingCheckpointStore, MemoryCheckpointStore]");
    }

    @Test
    void otherDecoratorsBelowAreAccepted() {
        CheckpointStore below = CircuitBreakingCheckpointStore.wrap(
                AutoTrimmingCheckpointStore.wrap(raw, AutoTrimConfig.builder().build()), CircuitBreakerConfig.defaults());
        EncryptingCheckpointStore store = TestKeys.encrypting(below, TestKeys.K1);
        store.save(Checkpoint.builder("e").id("c").state(CHAT).build());
        assertThat(store.load("c").orElseThrow().state()).isEqualTo(CHAT);
        assertThat(StateCipher.keyIdOf("c", raw.load("c").orElseThrow().state())).isEqualTo("k1");
    }
}
