package io.checkpointkit;

import io.checkpointkit.spi.Arguments;
import io.checkpointkit.spi.Ids;
import io.checkpointkit.internal.StateAccess;
import io.checkpointkit.internal.UuidV7;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One saved point of an execution (a run, thread or session): opaque state bytes plus the
 * fields that order, find and prune it. Immutable; equal by value, state bytes included.
 *
 * <p>Every field is validated when the checkpoint is built, so a backend never sees an illegal
 * one:
 * <ul>
 *   <li>{@code id}, {@code executionId} and {@code parentId} (nullable) follow {@link Ids};
 *   <li>{@code nodeName} may be empty, never null;
 *   <li>{@code state} is any number of bytes, copied in and out;
 *   <li>{@code metadata} keys are non-blank; keys and values are non-null and contain no
 *       U+0000 and no unpaired surrogate (so that every backend, PostgreSQL's {@code jsonb}
 *       included, stores them exactly); the same holds for {@code nodeName};
 *   <li>{@code timestamp} is truncated to microseconds and lies between
 *       {@link #MIN_TIMESTAMP} and {@link #MAX_TIMESTAMP};
 *   <li>{@code version} is 0 on a checkpoint not yet stored; stores set 1 on the first save
 *       and add 1 on each update.
 * </ul>
 *
 * <pre>{@code
 * Checkpoint cp = Checkpoint.builder("exec-42").nodeName("plan").state(bytes)
 *         .putMetadata("step", "7").build();
 * }</pre>
 */
public final class Checkpoint {

    /** The metadata key that, with the value {@code "true"}, marks a checkpoint trim must keep. */
    public static final String PINNED_KEY = "pinned";

    /** The earliest legal timestamp: 0001-01-01T00:00:00Z. */
    public static final Instant MIN_TIMESTAMP = Instant.parse("0001-01-01T00:00:00Z");

    /** The latest legal timestamp: 9999-12-31T23:59:59.999999Z. */
    public static final Instant MAX_TIMESTAMP = Instant.parse("9999-12-31T23:59:59.999999Z");

    /**
     * The order of the checkpoints of one execution: by timestamp, ties broken by id compared by
     * code point ({@link Ids#compare}). "Latest" is the last in this order.
     */
    public static final Comparator<Checkpoint> ORDER =
            Comparator.comparing(Checkpoint::timestamp).thenComparing(Checkpoint::id, Ids::compare);

    private static final byte[] NO_STATE = new byte[0];

    static {
        StateAccess.register(new StateAccess.Bridge<Checkpoint>() {
            @Override
            public byte[] state(Checkpoint checkpoint) {
                return checkpoint.state;
            }

            @Override
            public Checkpoint withState(Checkpoint checkpoint, byte[] state) {
                return new Checkpoint(checkpoint, state, checkpoint.version);
            }
        });
    }

    private final String id;
    private final String executionId;
    private final String parentId;
    private final String nodeName;
    private final byte[] state;
    private final Map<String, String> metadata;
    private final Instant timestamp;
    private final long version;

    private Checkpoint(Builder b) {
        this.executionId = Ids.requireValid(b.executionId, "executionId");
        this.id = b.id == null ? UuidV7.next() : Ids.requireValid(b.id, "id");
        this.parentId = b.parentId == null ? null : Ids.requireValid(b.parentId, "parentId");
        this.nodeName = requireText(Objects.requireNonNull(b.nodeName, "nodeName must not be null"),
                "nodeName");
        this.state = b.state;
        this.metadata = copyMetadata(b.metadata);
        this.timestamp = requireTimestamp(b.timestamp == null ? Instant.now() : b.timestamp);
        this.version = Arguments.requireNotNegative(b.version, "version");
    }

    /**
     * Starts a checkpoint of the given execution, with a new UUIDv7 id, the current time, an
     * empty node name, empty state, no metadata, no parent and version 0 as defaults.
     *
     * @param executionId the execution the checkpoint belongs to; validated by {@link Builder#build}
     * @return a new builder
     */
    public static Builder builder(String executionId) {
        return new Builder(executionId);
    }

    /** Returns a builder holding every field of this checkpoint, to derive a changed copy. */
    public Builder toBuilder() {
        Builder b = new Builder(executionId);
        b.id = id;
        b.parentId = parentId;
        b.nodeName = nodeName;
        b.state = state;
        b.metadata = new TreeMap<>(metadata);
        b.timestamp = timestamp;
        b.version = version;
        return b;
    }

    /** The id, unique in a store. */
    public String id() {
        return id;
    }

    /** The execution (run, thread, session) this checkpoint belongs to. */
    public String executionId() {
        return executionId;
    }

    /** The checkpoint this one was derived from, or {@code null} when it has none. */
    public String parentId() {
        return parentId;
    }

    /** The node that produced this checkpoint; empty when not known, never null. */
    public String nodeName() {
        return nodeName;
    }

    /** A copy of the state bytes; empty, never null. */
    public byte[] state() {
        return state.length == 0 ? NO_STATE : state.clone();
    }

    /** The number of state bytes, without copying them. */
    public int stateSize() {
        return state.length;
    }

    /** The metadata, unmodifiable, ordered by key. */
    public Map<String, String> metadata() {
        return metadata;
    }

    /** When this checkpoint was taken, in microseconds. */
    public Instant timestamp() {
        return timestamp;
    }

    /** 0 when not yet stored; otherwise the number of times it has been written. */
    public long version() {
        return version;
    }

    /** True when metadata {@value #PINNED_KEY} is {@code "true"}: trimming keeps this checkpoint. */
    public boolean pinned() {
        return "true".equals(metadata.get(PINNED_KEY));
    }

    /** Returns this checkpoint with the given version; used by stores when they save. */
    public Checkpoint withVersion(long newVersion) {
        if (newVersion == version) {
            return this;
        }
        return new Checkpoint(this, state, Arguments.requireNotNegative(newVersion, "version"));
    }

    // The fields of a checkpoint built already, so valid, with another state or version: a
    // store's save returns one per call, and copying and checking the metadata again would cost
    // more than the rest of an in-memory save; a decorator that encrypts or compresses every
    // state (StateAccess) passes a new array that nobody else holds.
    private Checkpoint(Checkpoint source, byte[] state, long version) {
        this.id = source.id;
        this.executionId = source.executionId;
        this.parentId = source.parentId;
        this.nodeName = source.nodeName;
        this.state = state.length == 0 ? NO_STATE : state;
        this.metadata = source.metadata;
        this.timestamp = source.timestamp;
        this.version = version;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Checkpoint)) {
            return false;
        }
        Checkpoint other = (Checkpoint) o;
        return version == other.version
                && id.equals(other.id)
                && executionId.equals(other.executionId)
                && Objects.equals(parentId, other.parentId)
                && nodeName.equals(other.nodeName)
                && timestamp.equals(other.timestamp)
                && metadata.equals(other.metadata)
                && Arrays.equals(state, other.state);
    }

    @Override
    public int hashCode() {
        int h = Objects.hash(id, executionId, parentId, nodeName, timestamp, metadata, version);
        return 31 * h + Arrays.hashCode(state);
    }

    /** Names every field but shows only the size of the state. */
    @Override
    public String toString() {
        return "Checkpoint{id=" + id + ", executionId=" + executionId
                + (parentId == null ? "" : ", parentId=" + parentId)
                + ", nodeName=" + nodeName + ", state=" + state.length + " bytes"
                + ", metadata=" + metadata + ", timestamp=" + timestamp + ", version=" + version + '}';
    }

    private static Map<String, String> copyMetadata(Map<String, String> source) {
        if (source.isEmpty()) {
            return Collections.emptyMap();
        }
        TreeMap<String, String> copy = new TreeMap<>();
        source.forEach((k, v) -> copy.put(requireMetadataKey(k), requireMetadataValue(k, v)));
        return Collections.unmodifiableMap(copy);
    }

    /**
     * The null checks that the builders of checkpoints and queries make on a metadata entry as it
     * is set, with one wording; the other rules of an entry are checked when it is built.
     */
    static void requireNonNullEntry(String key, String value) {
        Objects.requireNonNull(key, "metadata key must not be null");
        Objects.requireNonNull(value, () -> "metadata value for key '" + key + "' must not be null");
    }

    private static String requireMetadataKey(String key) {
        Objects.requireNonNull(key, "metadata key must not be null");
        if (key.isBlank()) {
            throw new IllegalArgumentException("metadata key must not be blank");
        }
        return requireText(key, "metadata key");
    }

    private static String requireMetadataValue(String key, String value) {
        Objects.requireNonNull(value, () -> "metadata value for key '" + key + "' must not be null");
        return requireText(value, "metadata value for key '" + key + "'");
    }

    /** Rejects U+0000 and unpaired surrogates, which not every backend can store. */
    private static String requireText(String text, String what) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == 0) {
                throw new IllegalArgumentException(what + " must not contain U+0000, found at index " + i);
            }
            if (Character.isHighSurrogate(c) && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new IllegalArgumentException(
                        what + " must not contain an unpaired surrogate, found at index " + i);
            }
        }
        return text;
    }

    private static Instant requireTimestamp(Instant timestamp) {
        return Arguments.requireBetween(timestamp.truncatedTo(ChronoUnit.MICROS), MIN_TIMESTAMP, MAX_TIMESTAMP,
                "timestamp");
    }

    /**
     * Builds a {@link Checkpoint}. Setters check for null at once; everything else is validated
     * by {@link #build()}, which throws {@link IllegalArgumentException} naming the field.
     * Not thread-safe.
     */
    public static final class Builder {
        private final String executionId;
        private String id;
        private String parentId;
        private String nodeName = "";
        private byte[] state = NO_STATE;
        private Map<String, String> metadata = new TreeMap<>();
        private Instant timestamp;
        private long version;

        private Builder(String executionId) {
            this.executionId = Objects.requireNonNull(executionId, "executionId must not be null");
        }

        /**
         * Sets the id, a legal id ({@link Ids}, checked by {@link #build()}); default: a new
         * UUIDv7 string, made by {@link #build()}.
         */
        public Builder id(String id) {
            this.id = Objects.requireNonNull(id, "id must not be null");
            return this;
        }

        /** Sets the parent id, a legal id or {@code null}; {@code null} (the default) means no parent. */
        public Builder parentId(String parentId) {
            this.parentId = parentId;
            return this;
        }

        /** Sets the node name; default: empty. */
        public Builder nodeName(String nodeName) {
            this.nodeName = Objects.requireNonNull(nodeName, "nodeName must not be null");
            return this;
        }

        /** Sets the state, copying the bytes; default: empty. */
        public Builder state(byte[] state) {
            this.state = Objects.requireNonNull(state, "state must not be null").clone();
            return this;
        }

        /** Replaces all metadata with a copy of the given map; default: none. */
        public Builder metadata(Map<String, String> metadata) {
            Objects.requireNonNull(metadata, "metadata must not be null");
            TreeMap<String, String> copy = new TreeMap<>();
            metadata.forEach((k, v) -> {
                requireNonNullEntry(k, v);
                copy.put(k, v);
            });
            this.metadata = copy;
            return this;
        }

        /** Adds one metadata entry, replacing any value the key had; the key must not be blank. */
        public Builder putMetadata(String key, String value) {
            requireNonNullEntry(key, value);
            metadata.put(key, value);
            return this;
        }

        /** Sets or clears the {@value #PINNED_KEY} metadata entry; default: not pinned. */
        public Builder pinned(boolean pinned) {
            if (pinned) {
                metadata.put(PINNED_KEY, "true");
            } else {
                metadata.remove(PINNED_KEY);
            }
            return this;
        }

        /**
         * Sets the timestamp, truncated to microseconds by {@link #build()}, from
         * {@link Checkpoint#MIN_TIMESTAMP} to {@link Checkpoint#MAX_TIMESTAMP}; default: now.
         */
        public Builder timestamp(Instant timestamp) {
            this.timestamp = Objects.requireNonNull(timestamp, "timestamp must not be null");
            return this;
        }

        /**
         * Sets the expected stored version, 0 or more (checked by {@link #build()}): 0 (the
         * default) writes unconditionally, {@code n > 0} writes only when the stored version is
         * {@code n}.
         */
        public Builder version(long version) {
            this.version = version;
            return this;
        }

        /**
         * Validates every field and builds the checkpoint.
         *
         * @throws IllegalArgumentException naming the field that is illegal
         */
        public Checkpoint build() {
            return new Checkpoint(this);
        }
    }
}
