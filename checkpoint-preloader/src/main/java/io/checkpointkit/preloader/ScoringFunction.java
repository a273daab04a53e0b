package io.checkpointkit.preloader;

import java.time.Duration;

/**
 * Scores a tracked key from how often and how recently it was read; the {@link AccessTracker}
 * preloads keys whose score is above its threshold, highest first, and drops the lowest when it
 * tracks too many.
 *
 * <p>The default is {@link #decay(double)}: {@code accessCount × decayFactor ^ hoursSinceLastAccess}.
 * An implementation must be a pure, thread-safe function: the tracker calls it from many threads
 * and at any time, and expects the same answer for the same arguments.
 */
@FunctionalInterface
public interface ScoringFunction {

    /**
     * Scores one key.
     *
     * @param accessCount how many times the key was recorded, 1 or more
     * @param sinceLastAccess the time since its last recorded access, never negative
     * @return the score; higher is hotter
     */
    double score(long accessCount, Duration sinceLastAccess);

    /**
     * The default scoring: {@code accessCount × decayFactor ^ hoursSinceLastAccess}, so a key read
     * ten times an hour ago scores 9 with a factor of 0.9.
     *
     * @param decayFactor how much of the score is left after one idle hour, greater than 0 and at
     *     most 1 (1 never decays)
     * @return the function
     * @throws IllegalArgumentException if {@code decayFactor} is not in (0, 1]
     */
    static ScoringFunction decay(double decayFactor) {
        Checks.requireDecayFactor(decayFactor, "decayFactor");
        return new DecayScoring(decayFactor);
    }
}
