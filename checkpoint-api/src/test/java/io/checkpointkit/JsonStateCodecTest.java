package io.checkpointkit;

import io.checkpointkit.Checkpoint;
import io.checkpointkit.CheckpointCorruptedException;
import io.checkpointkit.JsonStateCodec;
import io.checkpointkit.StateCodec;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link JsonStateCodec} (checkpoint-api). */
class JsonStateCodecTest {

    record Plan(int step, List<String> done, Map<String, String> notes) {
    }

    /** No properties Jackson can see: must be rejected, not written as {}. */
    static final class Opaque {
        @SuppressWarnings("unused")
        private final Object handle = new Object();
    }

    @Test
    void roundTripsARecordAsUtf8Json() {
        StateCodec<Plan> codec = JsonStateCodec.of(Plan.class);
        Plan plan = new Plan(3, List.of("a", "\uD83D\uDE80"), Map.of("k", "v"));
        byte[] bytes = codec.encode(plan);
        assertThat(new String(bytes, StandardCharsets.UTF_8)).startsWith("{").contains("\"step\":3");
        assertThat(codec.decode(bytes)).isEqualTo(plan);
    }

    @Test
    void ignoresUnknownPropertiesWrittenByNewerCode() {
        byte[] newer = "{\"step\":1,\"done\":[],\"notes\":{},\"added\":true}".getBytes(StandardCharsets.UTF_8);
        assertThat(JsonStateCodec.of(Plan.class).decode(newer).step()).isEqualTo(1);
    }

    @Test
    void rejectsStateThatIsNotJsonAble() {
        assertThatThrownBy(() -> JsonStateCodec.of(Opaque.class).encode(new Opaque()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(Opaque.class.getName()).hasMessageContaining("cannot be written as JSON");
        assertThatThrownBy(() -> JsonStateCodec.of(Plan.class).encode(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void rejectsBytesThatAreNotJsonOfTheType() {
        StateCodec<Plan> codec = JsonStateCodec.of(Plan.class);
        for (String bad : List.of("not json", "{\"step\":1} trailing", "null", "[1,2]")) {
            assertThatThrownBy(() -> codec.decode(bad.getBytes(StandardCharsets.UTF_8)))
                    .as(bad).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(Plan.class.getName());
        }
    }

    @Test
    void decodingACheckpointNamesItWhenItsStateIsCorrupted() {
        Checkpoint broken = Checkpoint.builder("e").id("cp-9").state(new byte[] {(byte) 0xFF, 0x00}).build();
        assertThatThrownBy(() -> JsonStateCodec.of(Plan.class).decode(broken))
                .isInstanceOf(CheckpointCorruptedException.class).hasMessageContaining("cp-9");
    }
}
