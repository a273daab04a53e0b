package io.checkpointkit.preloader;

import java.time.Duration;

/** {@code accessCount × decayFactor ^ hoursSinceLastAccess}: the default {@link ScoringFunction}. */
record DecayScoring(double decayFactor) implements ScoringFunction {

    private static final double SECONDS_PER_HOUR = 3600.0;
    private static final double NANOS_PER_HOUR = 3.6e12;

    @Override
    public double score(long accessCount, Duration sinceLastAccess) {
        double hours = sinceLastAccess.getSeconds() / SECONDS_PER_HOUR + sinceLastAccess.getNano() / NANOS_PER_HOUR;
        return accessCount * Math.pow(decayFactor, Math.max(0.0, hours));
    }
}
