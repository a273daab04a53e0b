package io.checkpointkit.langgraph4j;

import io.checkpointkit.CheckpointCorruptedException;
import org.bsc.langgraph4j.serializer.PlainTextStateSerializer;
import org.bsc.langgraph4j.serializer.StateSerializer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Turns a graph's state map into stored bytes and back with the graph's own serializer. A plain-text
 * serializer (LangGraph4j's Jackson or Gson serializer) is stored as its bare UTF-8 text, not wrapped in
 * an object stream, so that {@code checkpointctl show} prints the JSON as it is.
 */
final class StateBytes {

    private final StateSerializer<?> serializer;
    private final PlainTextStateSerializer<?> plainText;
    private final String contentType;

    StateBytes(StateSerializer<?> serializer) {
        this.serializer = serializer;
        this.plainText = serializer instanceof PlainTextStateSerializer<?> p ? p : null;
        this.contentType = serializer.contentType();
    }

    String contentType() {
        return contentType;
    }

    byte[] encode(Map<String, Object> data) throws IOException {
        if (plainText != null) {
            return plainText.writeDataAsString(data).getBytes(StandardCharsets.UTF_8);
        }
        return serializer.dataToBytes(data);
    }

    /** Decodes what {@link #encode} wrote; a stored content type other than ours is refused, not guessed at. */
    Map<String, Object> decode(String checkpointId, String storedContentType, byte[] bytes) {
        if (storedContentType != null && !storedContentType.equals(contentType)) {
            throw new CheckpointCorruptedException(checkpointId, "its state was written as '" + storedContentType
                    + "' and this saver's serializer reads '" + contentType + "'", null);
        }
        try {
            if (plainText != null) {
                return plainText.readDataFromString(new String(bytes, StandardCharsets.UTF_8));
            }
            return serializer.dataFromBytes(bytes);
        } catch (IOException | ClassNotFoundException | RuntimeException e) {
            throw new CheckpointCorruptedException(checkpointId, "its state cannot be read by "
                    + serializer.getClass().getName() + ": " + e, e);
        }
    }
}
