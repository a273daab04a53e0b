package io.checkpointkit.memory;

import io.checkpointkit.Checkpoint;
import io.checkpointkit.CheckpointStore;
import io.checkpointkit.CheckpointStores;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MemoryCheckpointStoreProviderTest {

    @Test
    void memoryUriOpensAMemoryStoreThroughServiceLoader() {
        assertThat(CheckpointStores.schemes()).contains("memory");
        try (CheckpointStore store = CheckpointStores.open("memory:")) {
            assertThat(store).isInstanceOf(MemoryCheckpointStore.class);
            Checkpoint saved = store.save(Checkpoint.builder("e").id("a").build());
            assertThat(store.load("a")).contains(saved);
        }
    }

    @Test
    void everyMemoryStoreIsNewAndSharesNothing() {
        try (CheckpointStore first = CheckpointStores.open("memory:");
             CheckpointStore second = CheckpointStores.open("MEMORY:")) {
            first.save(Checkpoint.builder("e").id("a").build());
            assertThat(second.load("a")).isEmpty();
        }
    }

    @Test
    void unknownSchemeListsTheSchemesOnTheClassPath() {
        assertThatThrownBy(() -> CheckpointStores.open("nosuchstore://user:hunter2@host/db"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'nosuchstore'")
                .hasMessageContaining("memory")
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void aPathHostOrOptionIsRejectedRatherThanIgnored() {
        assertThatThrownBy(() -> CheckpointStores.open("memory:shared"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no path");
        assertThatThrownBy(() -> CheckpointStores.open("memory://host"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no path or host");
        assertThatThrownBy(() -> CheckpointStores.open("memory:?ttl=1s"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown option").hasMessageContaining("ttl");
        assertThatThrownBy(() -> CheckpointStores.open("memory:", Map.of("size", "3")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("size");
    }
}
