package io.checkpointkit.benchmarks;

import io.checkpointkit.Checkpoint;

import java.util.Optional;

/**
 * A read path under test in the preloader workloads ({@link PreloaderWorkload},
 * {@link PreloaderWorkloadPauseAndReturn}): an execution's latest checkpoint read, and saved,
 * through whatever cache the path keeps in front of the backend.
 */
interface ReadPath extends AutoCloseable {

    Optional<Checkpoint> latest(String executionId);

    Checkpoint save(Checkpoint checkpoint);

    /** The results table's notes for this path; empty by default. */
    default String note() {
        return "";
    }

    @Override
    void close();
}
