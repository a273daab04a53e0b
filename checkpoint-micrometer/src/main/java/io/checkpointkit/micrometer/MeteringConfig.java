package io.checkpointkit.micrometer;

import io.checkpointkit.spi.Arguments;

import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;

import java.util.Arrays;
import java.util.Objects;

/**
 * The settings of a {@link MeteredCheckpointStore}; immutable once built.
 *
 * <pre>{@code
 * MeteringConfig config = MeteringConfig.builder()
 *         .storeName("orders").tags(Tags.of("region", "eu")).publishPercentiles(0.5, 0.99).build();
 * }</pre>
 */
public final class MeteringConfig {

    /** Default {@link Builder#metricName}. */
    public static final String DEFAULT_METRIC_NAME = "checkpoint.store.operations";
    /** Default {@link Builder#storeName}. */
    public static final String DEFAULT_STORE_NAME = "default";

    private static final MeteringConfig DEFAULTS = builder().build();

    private final String metricName;
    private final String storeName;
    private final Tags tags;
    private final double[] percentiles;
    private final boolean percentileHistogram;

    private MeteringConfig(Builder b) {
        this.metricName = b.metricName;
        this.storeName = b.storeName;
        this.tags = b.tags;
        this.percentiles = b.percentiles.clone();
        this.percentileHistogram = b.percentileHistogram;
    }

    /** A builder holding every default. */
    public static Builder builder() {
        return new Builder();
    }

    /** The configuration with every default. */
    public static MeteringConfig defaults() {
        return DEFAULTS;
    }

    /** A builder holding this configuration's settings, to change some of them. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.metricName = metricName;
        b.storeName = storeName;
        b.tags = tags;
        b.percentiles = percentiles.clone();
        b.percentileHistogram = percentileHistogram;
        return b;
    }

    /** The timer's name. */
    public String metricName() {
        return metricName;
    }

    /** The value of the {@code store} tag. */
    public String storeName() {
        return storeName;
    }

    /** The extra tags on every timer. */
    public Tags tags() {
        return tags;
    }

    /** The client-side percentiles published; a copy, empty when none. */
    public double[] percentiles() {
        return percentiles.clone();
    }

    /** Whether a percentile histogram is published. */
    public boolean percentileHistogram() {
        return percentileHistogram;
    }

    @Override
    public String toString() {
        return "MeteringConfig{metricName=" + metricName + ", storeName=" + storeName + ", tags=" + tags
                + ", percentiles=" + Arrays.toString(percentiles) + ", percentileHistogram=" + percentileHistogram
                + '}';
    }

    /** Builds a {@link MeteringConfig}; every setting starts at its default. */
    public static final class Builder {

        private String metricName = DEFAULT_METRIC_NAME;
        private String storeName = DEFAULT_STORE_NAME;
        private Tags tags = Tags.empty();
        private double[] percentiles = new double[0];
        private boolean percentileHistogram;

        private Builder() {
        }

        /**
         * The value of the {@code store} tag, not blank; default
         * {@value MeteringConfig#DEFAULT_STORE_NAME}.
         *
         * @param storeName the value of the {@code store} tag, not blank
         * @return this builder
         * @throws NullPointerException if {@code storeName} is null
         * @throws IllegalArgumentException if blank
         */
        public Builder storeName(String storeName) {
            this.storeName = requireNotBlank(storeName, "storeName");
            return this;
        }

        /**
         * The name of the timer, not blank; default {@value MeteringConfig#DEFAULT_METRIC_NAME}.
         *
         * @param metricName the timer's name, not blank
         * @return this builder
         * @throws NullPointerException if {@code metricName} is null
         * @throws IllegalArgumentException if blank
         */
        public Builder metricName(String metricName) {
            this.metricName = requireNotBlank(metricName, "metricName");
            return this;
        }

        /**
         * Adds tags to every timer (for example the application or region); default none.
         *
         * @param tags the tags; {@code store}, {@code operation} and {@code outcome} are set by
         *     the decorator and win over tags of the same key
         * @return this builder
         * @throws NullPointerException if {@code tags} is null
         */
        public Builder tags(Iterable<Tag> tags) {
            this.tags = this.tags.and(Objects.requireNonNull(tags, "tags must not be null"));
            return this;
        }

        /**
         * Publishes client-side percentiles (for example 0.5, 0.99), each from 0 to 1; default none.
         *
         * @param percentiles each in [0, 1]
         * @return this builder
         * @throws NullPointerException if {@code percentiles} is null
         * @throws IllegalArgumentException if one is outside [0, 1]
         */
        public Builder publishPercentiles(double... percentiles) {
            Objects.requireNonNull(percentiles, "percentiles must not be null");
            for (double p : percentiles) {
                Arguments.requireBetween(p, 0.0, 1.0, "percentiles");
            }
            this.percentiles = percentiles.clone();
            return this;
        }

        /**
         * Whether to publish a histogram that a backend can aggregate into percentiles; default false.
         *
         * @param enabled whether to publish it
         * @return this builder
         */
        public Builder publishPercentileHistogram(boolean enabled) {
            this.percentileHistogram = enabled;
            return this;
        }

        /** @return the configuration */
        public MeteringConfig build() {
            return new MeteringConfig(this);
        }

        private static String requireNotBlank(String value, String name) {
            Objects.requireNonNull(value, name + " must not be null");
            Arguments.requireArgument(!value.isBlank(), name + " must not be blank");
            return value;
        }
    }
}
