package io.checkpointkit.benchmarks;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import io.checkpointkit.Checkpoint;
import io.checkpointkit.CheckpointStore;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executor;

/**
 * The baselines of the preloader workloads: a plain Caffeine {@code LoadingCache} on an
 * execution's latest checkpoint. A save goes to the backend, then updates the execution's entry
 * when one is cached (write-through) and caches nothing otherwise: the same rule as the preloader,
 * which cannot know that a checkpoint is its execution's latest without the execution's cached
 * latest. Racy against in-flight loads, as usually written; the preloader is not.
 */
class CaffeineReadPath implements ReadPath {
    private final CheckpointStore backend;
    final LoadingCache<String, Optional<Checkpoint>> cache;

    /**
     * @param cache the cache's settings, from {@link #settings}, with whatever the workload adds
     */
    CaffeineReadPath(CheckpointStore backend, Caffeine<Object, Object> cache) {
        this.backend = backend;
        this.cache = cache.build(backend::latest);
    }

    /**
     * The settings both workloads give Caffeine.
     *
     * @param refreshAfterWrite null for expire-after-write alone
     */
    static Caffeine<Object, Object> settings(int maximumSize, Duration expireAfterWrite, Duration refreshAfterWrite,
            Executor executor) {
        Caffeine<Object, Object> builder = Caffeine.newBuilder().maximumSize(maximumSize)
                .expireAfterWrite(expireAfterWrite).executor(executor);
        if (refreshAfterWrite != null) {
            builder.refreshAfterWrite(refreshAfterWrite);
        }
        return builder;
    }

    @Override
    public Optional<Checkpoint> latest(String executionId) {
        return cache.get(executionId);
    }

    @Override
    public Checkpoint save(Checkpoint checkpoint) {
        Checkpoint saved = backend.save(checkpoint);
        cache.asMap().computeIfPresent(saved.executionId(), (executionId, old) -> Optional.of(saved));
        return saved;
    }

    @Override
    public void close() {
        cache.invalidateAll();
    }
}
