package io.checkpointkit.preloader;

import io.checkpointkit.spi.Arguments;
import io.checkpointkit.spi.Durations;

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
        return decay(decayFactor, PreloaderConfig.DEFAULT_DECAY_PERIOD);
    }

    /**
     * The default scoring on another time scale:
     * {@code accessCount × decayFactor ^ (sinceLastAccess / decayPeriod)}. With a period of one
     * hour it is {@link #decay(double)}; a workload whose hot set moves in minutes or seconds
     * takes a shorter period, so that keys nobody reads any more stop being hot soon.
     *
     * @param decayFactor how much of the score is left after one idle period, greater than 0 and
     *     at most 1 (1 never decays)
     * @param decayPeriod the idle time over which the score is multiplied by {@code decayFactor},
     *     at least 1 ms
     * @return the function
     * @throws IllegalArgumentException if {@code decayFactor} is not in (0, 1] or
     *     {@code decayPeriod} is shorter than 1 ms or longer than 365 days
     * @throws NullPointerException if {@code decayPeriod} is null
     */
    static ScoringFunction decay(double decayFactor, Duration decayPeriod) {
        Arguments.requireFraction(decayFactor, "decayFactor");
        Durations.requireBetween(decayPeriod, Duration.ofMillis(1), PreloaderConfig.MAXIMUM_DURATION, "decayPeriod");
        return new DecayScoring(decayFactor, decayPeriod);
    }
}
