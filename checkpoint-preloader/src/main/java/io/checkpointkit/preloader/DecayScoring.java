package io.checkpointkit.preloader;

import java.time.Duration;

/**
 * {@code accessCount × decayFactor ^ (sinceLastAccess / decayPeriod)}: the default
 * {@link ScoringFunction}, with a period of one hour unless configured otherwise.
 */
record DecayScoring(double decayFactor, Duration decayPeriod) implements ScoringFunction {

    @Override
    public double score(long accessCount, Duration sinceLastAccess) {
        double periods = seconds(sinceLastAccess) / seconds(decayPeriod);
        return accessCount * Math.pow(decayFactor, Math.max(0.0, periods));
    }

    private static double seconds(Duration duration) {
        return duration.getSeconds() + duration.getNano() / 1e9;
    }
}
