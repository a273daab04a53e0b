package io.checkpointkit.encryption;

import io.checkpointkit.spi.Arguments;
import io.checkpointkit.spi.Durations;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * The settings of an {@link EncryptingCheckpointStore}; immutable once built. There is no
 * {@code defaults()}: the key provider has no meaningful default.
 *
 * <pre>{@code
 * EncryptionConfig config = EncryptionConfig.builder()
 *         .keyProvider(KeyProviders.file(Path.of("/etc/checkpointkit/keys")))
 *         .refreshInterval(Duration.ofMinutes(1))
 *         .build();
 * }</pre>
 *
 * <p>{@link #toString()} names the provider's class, never a key.
 */
public final class EncryptionConfig {

    /** Default {@link Builder#refreshInterval}: the key ring is asked for again after 1 minute. */
    public static final Duration DEFAULT_REFRESH_INTERVAL = Duration.ofMinutes(1);
    /** Default {@link Builder#reencryptBatchSize}: {@code reencrypt} reads 100 checkpoints at a time. */
    public static final int DEFAULT_REENCRYPT_BATCH_SIZE = 100;
    /**
     * The least time between two refreshes caused by an unknown key id (a state written by a
     * process that already has a newer ring): 1 second, so a state whose key was removed does not
     * make every read call the provider.
     */
    public static final Duration UNKNOWN_KEY_REFRESH_GAP = Duration.ofSeconds(1);

    private final KeyProvider keyProvider;
    private final Duration refreshInterval;
    private final int reencryptBatchSize;
    private final Clock clock;

    private EncryptionConfig(Builder b) {
        this.keyProvider = b.keyProvider;
        this.refreshInterval = b.refreshInterval;
        this.reencryptBatchSize = b.reencryptBatchSize;
        this.clock = b.clock;
    }

    /** A builder holding every default; {@link Builder#keyProvider} must be set. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this configuration's settings, to change some of them. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.keyProvider = keyProvider;
        b.refreshInterval = refreshInterval;
        b.reencryptBatchSize = reencryptBatchSize;
        b.clock = clock;
        return b;
    }

    /** Where the keys come from. */
    public KeyProvider keyProvider() {
        return keyProvider;
    }

    /** How old the store's copy of the key ring may get before the provider is asked again. */
    public Duration refreshInterval() {
        return refreshInterval;
    }

    /** How many checkpoints {@code reencrypt} reads from the store at a time. */
    public int reencryptBatchSize() {
        return reencryptBatchSize;
    }

    /** The clock that times refreshes. */
    public Clock clock() {
        return clock;
    }

    @Override
    public String toString() {
        return "EncryptionConfig{keyProvider=" + keyProvider.getClass().getName()
                + ", refreshInterval=" + refreshInterval + ", reencryptBatchSize=" + reencryptBatchSize
                + ", clock=" + clock + '}';
    }

    /** Builds an {@link EncryptionConfig}; every setting but the key provider starts at its {@code DEFAULT_*}. */
    public static final class Builder {

        private KeyProvider keyProvider;
        private Duration refreshInterval = DEFAULT_REFRESH_INTERVAL;
        private int reencryptBatchSize = DEFAULT_REENCRYPT_BATCH_SIZE;
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        /**
         * Where the keys come from; required.
         *
         * @param keyProvider the provider
         * @return this builder
         * @throws NullPointerException if {@code keyProvider} is null
         */
        public Builder keyProvider(KeyProvider keyProvider) {
            this.keyProvider = Objects.requireNonNull(keyProvider, "keyProvider must not be null");
            return this;
        }

        /**
         * How old the store's copy of the key ring may get before the provider is asked again,
         * from 0 (every operation asks) to 24 days; default 1 minute.
         *
         * @param interval the longest time between two calls of the provider
         * @return this builder
         * @throws NullPointerException if {@code interval} is null
         * @throws IllegalArgumentException if negative or longer than 24 days
         */
        public Builder refreshInterval(Duration interval) {
            this.refreshInterval = Durations.requireBetween(interval, Duration.ZERO, Durations.MAX_TIMEOUT,
                    "refreshInterval");
            return this;
        }

        /**
         * How many checkpoints {@code reencrypt} reads from the store at a time, 1 or more;
         * default {@value EncryptionConfig#DEFAULT_REENCRYPT_BATCH_SIZE}. It bounds the pass's
         * memory: up to this many states are held at once.
         *
         * @param batchSize checkpoints per read, 1 or more
         * @return this builder
         * @throws IllegalArgumentException if less than 1
         */
        public Builder reencryptBatchSize(int batchSize) {
            this.reencryptBatchSize = Arguments.requireAtLeast(batchSize, 1, "reencryptBatchSize");
            return this;
        }

        /**
         * The clock that times refreshes; default the system UTC clock. Tests pass a fake one.
         *
         * @param clock the clock
         * @return this builder
         * @throws NullPointerException if {@code clock} is null
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock must not be null");
            return this;
        }

        /**
         * @return the configuration
         * @throws IllegalStateException if no key provider was set
         */
        public EncryptionConfig build() {
            if (keyProvider == null) {
                throw new IllegalStateException("keyProvider must be set: EncryptionConfig.builder().keyProvider(...)");
            }
            return new EncryptionConfig(this);
        }
    }
}
