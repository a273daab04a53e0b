package io.checkpointkit;

import io.checkpointkit.spi.Arguments;
import io.checkpointkit.spi.Ids;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;

/**
 * Which checkpoints of one execution {@link CheckpointStore#list(String, CheckpointQuery)}
 * returns, and in which order. Immutable.
 *
 * <p>The range ({@code after} / {@code before}, both exclusive, always meaning later / earlier
 * in the {@link Checkpoint#ORDER (timestamp, id) order}, whatever the direction) and the
 * metadata filter (every given key equals the given value) select; then {@code newestFirst}
 * orders; then {@code limit} cuts. A cursor id that is not a checkpoint of the execution selects
 * nothing: the result is empty, it is not an error.
 *
 * <pre>{@code
 * CheckpointQuery q = CheckpointQuery.builder().limit(10).newestFirst(true)
 *         .after("cp-3").before("cp-9").metadata("source", "loop").build();
 * }</pre>
 */
public final class CheckpointQuery {

    private static final CheckpointQuery ALL = new Builder().build();

    private final Integer limit;
    private final boolean newestFirst;
    private final String after;
    private final String before;
    private final Map<String, String> metadata;

    private CheckpointQuery(Builder b) {
        this.limit = b.limit;
        this.newestFirst = b.newestFirst;
        this.after = b.after;
        this.before = b.before;
        this.metadata = b.metadata.isEmpty()
                ? Collections.emptyMap()
                : Collections.unmodifiableMap(new TreeMap<>(b.metadata));
    }

    /** The query without bounds: every checkpoint, oldest first. */
    public static CheckpointQuery all() {
        return ALL;
    }

    /** Starts a query; without settings it equals {@link #all()}. */
    public static Builder builder() {
        return new Builder();
    }

    /** The most checkpoints to return; empty means no limit. */
    public OptionalInt limit() {
        return limit == null ? OptionalInt.empty() : OptionalInt.of(limit);
    }

    /** True when the newest checkpoint comes first. */
    public boolean newestFirst() {
        return newestFirst;
    }

    /** Only checkpoints strictly later than this one are selected. */
    public Optional<String> after() {
        return Optional.ofNullable(after);
    }

    /** Only checkpoints strictly earlier than this one are selected. */
    public Optional<String> before() {
        return Optional.ofNullable(before);
    }

    /** Only checkpoints whose metadata holds every one of these entries are selected. */
    public Map<String, String> metadata() {
        return metadata;
    }

    /** True when this query has no range, no filter, no limit and oldest-first order. */
    public boolean isAll() {
        return limit == null && !newestFirst && after == null && before == null && metadata.isEmpty();
    }

    /** True when the checkpoint's metadata holds every entry of this query's filter. */
    public boolean matchesMetadata(Checkpoint checkpoint) {
        Map<String, String> m = checkpoint.metadata();
        for (Map.Entry<String, String> e : metadata.entrySet()) {
            if (!e.getValue().equals(m.get(e.getKey()))) {
                return false;
            }
        }
        return true;
    }

    /**
     * Applies this query to all checkpoints of one execution. Backends that cannot do it in
     * their storage use this, so the semantics are the same everywhere.
     *
     * @param ascending every checkpoint of the execution, in {@link Checkpoint#ORDER}
     * @return the selected checkpoints, ordered and limited; a new mutable list
     */
    public List<Checkpoint> apply(List<Checkpoint> ascending) {
        Objects.requireNonNull(ascending, "ascending must not be null");
        if (limit != null && limit == 0) {
            return new ArrayList<>();
        }
        int from = 0;
        int to = ascending.size();
        if (after != null) {
            int i = indexOf(ascending, after);
            if (i < 0) {
                return new ArrayList<>();
            }
            from = i + 1;
        }
        if (before != null) {
            int i = indexOf(ascending, before);
            if (i < 0) {
                return new ArrayList<>();
            }
            to = i;
        }
        List<Checkpoint> selected = new ArrayList<>();
        for (int i = from; i < to; i++) {
            Checkpoint c = ascending.get(i);
            if (matchesMetadata(c)) {
                selected.add(c);
            }
        }
        if (newestFirst) {
            Collections.reverse(selected);
        }
        if (limit != null && selected.size() > limit) {
            return new ArrayList<>(selected.subList(0, limit));
        }
        return selected;
    }

    private static int indexOf(List<Checkpoint> checkpoints, String id) {
        for (int i = 0; i < checkpoints.size(); i++) {
            if (checkpoints.get(i).id().equals(id)) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof CheckpointQuery)) {
            return false;
        }
        CheckpointQuery q = (CheckpointQuery) o;
        return newestFirst == q.newestFirst && Objects.equals(limit, q.limit)
                && Objects.equals(after, q.after) && Objects.equals(before, q.before)
                && metadata.equals(q.metadata);
    }

    @Override
    public int hashCode() {
        return Objects.hash(limit, newestFirst, after, before, metadata);
    }

    @Override
    public String toString() {
        return "CheckpointQuery{limit=" + limit + ", newestFirst=" + newestFirst + ", after=" + after
                + ", before=" + before + ", metadata=" + metadata + '}';
    }

    /** Builds a {@link CheckpointQuery}; every setter validates its argument at once. */
    public static final class Builder {
        private Integer limit;
        private boolean newestFirst;
        private String after;
        private String before;
        private final Map<String, String> metadata = new TreeMap<>();

        private Builder() {
        }

        /**
         * Returns at most {@code limit} checkpoints; 0 returns none. Default: no limit.
         *
         * @throws IllegalArgumentException if {@code limit} is negative
         */
        public Builder limit(int limit) {
            this.limit = Arguments.requireNotNegative(limit, "limit");
            return this;
        }

        /** Orders newest first when true; default: oldest first. */
        public Builder newestFirst(boolean newestFirst) {
            this.newestFirst = newestFirst;
            return this;
        }

        /**
         * Selects only checkpoints later than this one (exclusive); default: no lower bound.
         *
         * @throws NullPointerException if {@code checkpointId} is null
         * @throws IllegalArgumentException if it is not a legal id ({@link Ids})
         */
        public Builder after(String checkpointId) {
            this.after = Ids.requireValid(checkpointId, "after");
            return this;
        }

        /**
         * Selects only checkpoints earlier than this one (exclusive); default: no upper bound.
         *
         * @throws NullPointerException if {@code checkpointId} is null
         * @throws IllegalArgumentException if it is not a legal id ({@link Ids})
         */
        public Builder before(String checkpointId) {
            this.before = Ids.requireValid(checkpointId, "before");
            return this;
        }

        /**
         * Selects only checkpoints whose metadata maps {@code key} to {@code value}; several
         * calls must all match. Default: no filter.
         *
         * @throws NullPointerException if key or value is null
         * @throws IllegalArgumentException if the key is blank
         */
        public Builder metadata(String key, String value) {
            Checkpoint.requireNonNullEntry(key, value);
            if (key.isBlank()) {
                throw new IllegalArgumentException("metadata key must not be blank");
            }
            metadata.put(key, value);
            return this;
        }

        /** Builds the query. */
        public CheckpointQuery build() {
            return new CheckpointQuery(this);
        }
    }
}
