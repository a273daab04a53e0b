package io.checkpointkit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;

import java.util.Map;
import java.util.Objects;

/**
 * Checkpoint metadata as a JSON object of strings: the text form in which the SQL backends
 * store it (PostgreSQL's {@code jsonb}, SQLite's {@code TEXT} read with {@code json_each}), so
 * that every backend writes and reads the same JSON. Keys and values are escaped by Jackson,
 * never by hand; empty metadata is {@code {}}.
 */
public final class MetadataJson {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectReader READER = JSON.readerFor(new TypeReference<Map<String, String>>() { });
    private static final ObjectWriter WRITER = JSON.writer();

    private MetadataJson() {
    }

    /**
     * The metadata as a JSON object.
     *
     * @param metadata the metadata, as {@link Checkpoint#metadata()} holds it
     * @return its JSON text, {@code {}} when it is empty
     * @throws NullPointerException if {@code metadata} is null
     */
    public static String write(Map<String, String> metadata) {
        Objects.requireNonNull(metadata, "metadata must not be null");
        if (metadata.isEmpty()) {
            return "{}";
        }
        try {
            return WRITER.writeValueAsString(metadata);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a map of strings always serialises", e);
        }
    }

    /**
     * The metadata a JSON object holds, as written by {@link #write(Map)} (or by hand).
     *
     * @param json the JSON text
     * @return the metadata: an empty map for {@code {}}, null for the JSON literal {@code null}
     * @throws NullPointerException if {@code json} is null
     * @throws JsonProcessingException if {@code json} is not a JSON object whose values are all
     *     strings; a backend reports it as a corrupted checkpoint
     */
    public static Map<String, String> read(String json) throws JsonProcessingException {
        Objects.requireNonNull(json, "json must not be null");
        return json.equals("{}") ? Map.of() : READER.readValue(json);
    }
}
