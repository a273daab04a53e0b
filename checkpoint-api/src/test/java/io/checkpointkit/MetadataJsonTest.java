package io.checkpointkit;

import com.fasterxml.jackson.core.JsonProcessingException;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link MetadataJson} (checkpoint-api). */
class MetadataJsonTest {

    @Test
    void emptyMetadataIsAnEmptyObject() throws JsonProcessingException {
        assertThat(MetadataJson.write(Map.of())).isEqualTo("{}");
        assertThat(MetadataJson.read("{}")).isEmpty();
    }

    @Test
    void hostileKeysAndValuesRoundTrip() throws JsonProcessingException {
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("'; DROP TABLE checkpoints; --", "\"\\\"");
        metadata.put("newline", "line1\nline2\r\n\ttabbed");
        metadata.put("emoji \uD83D\uDE00", "\uFF5E");
        metadata.put("empty", "");
        String json = MetadataJson.write(metadata);
        assertThat(json).startsWith("{").endsWith("}");
        assertThat(MetadataJson.read(json)).isEqualTo(metadata);
    }

    @Test
    void anythingButAnObjectOfStringsIsRejected() {
        assertThatThrownBy(() -> MetadataJson.read("[1]")).isInstanceOf(JsonProcessingException.class);
        assertThatThrownBy(() -> MetadataJson.read("{\"a\":{\"b\":1}}")).isInstanceOf(JsonProcessingException.class);
        assertThatThrownBy(() -> MetadataJson.read("not json")).isInstanceOf(JsonProcessingException.class);
    }

    @Test
    void nullIsRejectedBeforeParsing() {
        assertThatThrownBy(() -> MetadataJson.write(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> MetadataJson.read(null)).isInstanceOf(NullPointerException.class);
    }
}
