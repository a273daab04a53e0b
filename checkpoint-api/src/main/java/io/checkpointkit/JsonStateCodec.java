package io.checkpointkit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.util.Objects;

/**
 * The default {@link StateCodec}: UTF-8 JSON through Jackson.
 *
 * <p>The default mapper fails on beans with no properties (so state that is not JSON-able is
 * rejected instead of silently written as {@code {}}), fails on trailing tokens, ignores
 * unknown properties when reading (so old code reads state written by newer code), and never
 * enables default typing. Thread-safe.
 *
 * @param <S> the type of the state
 */
public final class JsonStateCodec<S> implements StateCodec<S> {

    private static final ObjectMapper DEFAULT_MAPPER = JsonMapper.builder()
            .enable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .findAndAddModules()
            .build();

    private final Class<S> type;
    private final ObjectMapper mapper;

    private JsonStateCodec(Class<S> type, ObjectMapper mapper) {
        this.type = type;
        this.mapper = mapper;
    }

    /**
     * A codec for the given type with the default mapper.
     *
     * @throws NullPointerException if {@code type} is null
     */
    public static <S> JsonStateCodec<S> of(Class<S> type) {
        return of(type, DEFAULT_MAPPER);
    }

    /**
     * A codec for the given type with the caller's mapper (for their modules and settings).
     *
     * @throws NullPointerException if an argument is null
     */
    public static <S> JsonStateCodec<S> of(Class<S> type, ObjectMapper mapper) {
        return new JsonStateCodec<>(Objects.requireNonNull(type, "type must not be null"),
                Objects.requireNonNull(mapper, "mapper must not be null"));
    }

    @Override
    public byte[] encode(S state) {
        Objects.requireNonNull(state, "state must not be null");
        try {
            return mapper.writeValueAsBytes(state);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("state of " + state.getClass().getName()
                    + " cannot be written as JSON: " + e.getOriginalMessage(), e);
        }
    }

    @Override
    public S decode(byte[] bytes) {
        Objects.requireNonNull(bytes, "bytes must not be null");
        try {
            S value = mapper.readValue(bytes, type);
            if (value == null) {
                throw new IllegalArgumentException("state is JSON null, not a " + type.getName());
            }
            return value;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("state is not JSON for " + type.getName() + ": "
                    + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new IllegalArgumentException("state cannot be read as " + type.getName(), e);
        }
    }

    @Override
    public String toString() {
        return "JsonStateCodec[" + type.getName() + "]";
    }
}
