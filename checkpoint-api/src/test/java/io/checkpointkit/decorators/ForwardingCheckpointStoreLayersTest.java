package io.checkpointkit.decorators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.checkpointkit.CheckpointStore;
import org.junit.jupiter.api.Test;

/** {@link ForwardingCheckpointStore#layers}: the classes of a chain, outermost first, down to the first non-forwarding store. */
class ForwardingCheckpointStoreLayersTest {

    @Test
    void aBackendAloneIsOneLayer() {
        assertThat(ForwardingCheckpointStore.layers(new FakeStore())).containsExactly(FakeStore.class);
    }

    @Test
    void everyForwardingLayerIsListedOutermostFirstDownToTheBackend() {
        CheckpointStore chain = CircuitBreakingCheckpointStore.wrap(
                AutoTrimmingCheckpointStore.wrap(new Marker(new FakeStore()), AutoTrimConfig.builder().build()),
                CircuitBreakerConfig.defaults());
        assertThat(ForwardingCheckpointStore.layers(chain)).containsExactly(CircuitBreakingCheckpointStore.class,
                AutoTrimmingCheckpointStore.class, Marker.class, FakeStore.class);
    }

    @Test
    void nullIsRejected() {
        assertThatThrownBy(() -> ForwardingCheckpointStore.layers(null))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("store");
    }

    private static final class Marker extends ForwardingCheckpointStore {
        Marker(CheckpointStore delegate) {
            super(delegate);
        }
    }
}
