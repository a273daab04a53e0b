package io.checkpointkit.benchmarks.scale;

import io.checkpointkit.Checkpoint;
import io.checkpointkit.CheckpointStore;

import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * One backend under a scale run: the store measured, the fastest honest way to fill it, and what
 * it occupies. A backend owns everything it makes (a schema, a key prefix, a directory) and
 * removes it in {@link #close()}.
 */
interface ScaleBackend extends AutoCloseable {

    /** The name used in file names and tables ({@code sqlite-per-execution}, …). */
    String name();

    /** The store measured. */
    CheckpointStore store();

    /**
     * Writes whole new executions (none of them exists yet) so that the store reads them back as
     * saved once: version 1, every field as given.
     *
     * @param checkpoints the checkpoints of one or more executions, each execution's in time order
     * @throws Exception if the backend fails; the run stops
     */
    void fill(List<Checkpoint> checkpoints) throws Exception;

    /**
     * Writes the short-lived executions that trim and clear are measured on; by default as
     * {@link #fill}. {@link #discardProbes()} follows once they are cleared.
     */
    default void fillProbes(List<Checkpoint> checkpoints) throws Exception {
        fill(checkpoints);
    }

    /** Removes what is left of cleared probe executions, where a backend keeps something (unmeasured). */
    default void discardProbes() throws Exception {
    }

    /** How the fill writes, for the report (e.g. "COPY into the store's table"). */
    String fillMethod();

    /** Called after each fill, unmeasured (e.g. ANALYZE, which autovacuum would do). */
    default void afterFill() throws Exception {
    }

    /** Called after the measurements of one size, unmeasured (e.g. VACUUM of what they deleted). */
    default void afterMeasurements() throws Exception {
    }

    /** What the store occupies now, in bytes; empty when the backend cannot tell. */
    OptionalLong storedBytes() throws Exception;

    /** How {@link #storedBytes()} is measured, for the report. */
    String storedBytesMethod();

    /**
     * Where the bytes of {@link #storedBytes()} go, by part (a table, an index, a kind of key,
     * unused space), in the order to report them; empty when the backend cannot tell.
     */
    default Map<String, Long> bytesByPart() throws Exception {
        return Map.of();
    }

    /** A second figure where one is useful (Redis: the {@code used_memory} delta); empty otherwise. */
    default OptionalLong otherBytes() throws Exception {
        return OptionalLong.empty();
    }

    /** Closes the store and removes everything this backend made. */
    @Override
    void close() throws Exception;
}
