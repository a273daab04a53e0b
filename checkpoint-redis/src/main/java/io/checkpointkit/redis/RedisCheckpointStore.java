package io.checkpointkit.redis;

import io.checkpointkit.Capability;
import io.checkpointkit.CheckpointStore;
import io.checkpointkit.CheckpointStoreUnavailableException;
import io.checkpointkit.spi.Arguments;
import io.checkpointkit.spi.Durations;
import io.checkpointkit.spi.StoreUri;
import io.lettuce.core.RedisClient;
import io.lettuce.core.cluster.RedisClusterClient;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;

/**
 * A {@link CheckpointStore} on Redis or Redis Cluster (Lettuce), with no Redis modules.
 *
 * <p>All keys of one execution share one hash tag, so each operation is one Lua script (run by
 * EVALSHA, reloaded on NOSCRIPT) on standalone Redis and on Cluster alike: save with
 * compare-and-set, ownership check and index update; trim (pinned kept); clear; delete. The
 * execution index is a sorted set ordered by {@code (timestamp, id)}; {@code latest} and
 * {@code list} read only what they return. {@code load} and {@code delete} find the execution
 * through an id pointer, written before the data; see the module README for the protocol.
 *
 * <pre>{@code
 * try (RedisCheckpointStore store = RedisCheckpointStore.builder("redis://localhost:6379/0")
 *         .prefix("ckpt").ttl(Duration.ofDays(7)).build()) {
 *     store.save(Checkpoint.builder("exec-42").state(bytes).build());
 * }
 * }</pre>
 *
 * <p>Thread-safe. Connection loss, timeouts, restarts and failovers surface as
 * {@link CheckpointStoreUnavailableException}; the store recovers on its own.
 */
public final class RedisCheckpointStore extends RedisStorageSteps {

    /** The key prefix when none is given: {@value}. */
    public static final String DEFAULT_PREFIX = "ckpt";
    /** The per-operation timeout when none is given: 5 seconds. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);
    /** The connect timeout when none is given: 5 seconds. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);

    /**
     * The longest ttl: 36500 days (about 100 years). Every expiry the store derives from it
     * (pointers live 1.5 ttl) stays an exact integer in Lua and within what Redis accepts.
     */
    public static final Duration MAX_TTL = Duration.ofDays(36_500);

    static final Set<String> OPTIONS = Set.of("prefix", "ttl", "timeout", "connectTimeout", "database");

    private RedisCheckpointStore(RedisConnector redis, Builder b, Topology.Factory topology) {
        super(redis, b.prefix, b.ttl, topology, b.newGenerations);
    }

    /**
     * Starts a store that connects to a URI and owns the client it builds:
     * {@code redis://[user:password@]host[:port][/database][?options]}, {@code rediss://…} (TLS)
     * or {@code redis-cluster://h1:p1,h2:p2[?options]}. Options: {@code prefix}, {@code ttl},
     * {@code timeout}, {@code connectTimeout}, {@code database}; the builder's setters win over
     * them.
     *
     * @param uri the URI
     * @return a builder
     * @throws NullPointerException if {@code uri} is null
     * @throws IllegalArgumentException if the URI is malformed, has another scheme, or has an
     *     unknown or invalid option; the message masks passwords
     */
    public static Builder builder(String uri) {
        return fromUri(StoreUri.parse(Objects.requireNonNull(uri, "uri must not be null"), Map.of()));
    }

    /**
     * Starts a store on the user's standalone client, which the store never shuts down.
     *
     * @param client the client; its own URI chooses the server and database
     * @return a builder
     * @throws NullPointerException if {@code client} is null
     */
    public static Builder builder(RedisClient client) {
        return new Builder(Objects.requireNonNull(client, "client must not be null"), null, null);
    }

    /**
     * Starts a store on the user's Cluster client, which the store never shuts down.
     *
     * @param client the client
     * @return a builder
     * @throws NullPointerException if {@code client} is null
     */
    public static Builder builder(RedisClusterClient client) {
        return new Builder(null, Objects.requireNonNull(client, "client must not be null"), null);
    }

    static Builder fromUri(StoreUri uri) {
        if (!RedisCheckpointStoreProvider.SCHEMES.contains(uri.scheme())) {
            throw new IllegalArgumentException("not a Redis URI: " + uri + "; expected one of "
                    + RedisCheckpointStoreProvider.SCHEMES);
        }
        uri.requireKnownOptions(OPTIONS);
        Builder b = new Builder(null, null, uri);
        uri.option("prefix").ifPresent(b::prefix);
        if (uri.option("ttl").isPresent()) {
            b.ttl(uri.durationOption("ttl", null, MAX_TTL));
        }
        b.timeout(uri.durationOption("timeout", DEFAULT_TIMEOUT, Durations.MAX_TIMEOUT));
        b.connectTimeout(uri.durationOption("connectTimeout", DEFAULT_CONNECT_TIMEOUT, Durations.MAX_TIMEOUT));
        String path = uri.path().startsWith("/") ? uri.path().substring(1) : uri.path();
        if (!path.isEmpty() && uri.option("database").isPresent()) {
            throw new IllegalArgumentException("give the database either as the path or as the option, not both: " + uri);
        }
        if (!path.isEmpty()) {
            try {
                b.database(Integer.parseInt(path));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("the path of a Redis URI is the database number, was '"
                        + path + "' in " + uri);
            }
        } else {
            b.database(uri.intOption("database", 0, 0, Integer.MAX_VALUE));
        }
        return b;
    }

    /**
     * Configures a {@link RedisCheckpointStore}. Validation happens in each setter and throws
     * {@link IllegalArgumentException} naming the setting.
     */
    public static final class Builder {
        private final RedisClient client;
        private final RedisClusterClient clusterClient;
        private final StoreUri uri;
        private String prefix = DEFAULT_PREFIX;
        private Duration ttl;
        private Duration timeout = DEFAULT_TIMEOUT;
        private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        private int database;
        private Supplier<byte[]> newGenerations = IdPointers::newGeneration;

        private Builder(RedisClient client, RedisClusterClient clusterClient, StoreUri uri) {
            this.client = client;
            this.clusterClient = clusterClient;
            this.uri = uri;
        }

        /**
         * The prefix of every key, non-empty, without '{', '}' or control characters; default
         * {@value #DEFAULT_PREFIX}. Stores with different
         * prefixes do not see each other's data.
         *
         * @throws IllegalArgumentException if it is empty or contains '{', '}' or a control
         *     character (which would break the hash tags)
         */
        public Builder prefix(String prefix) {
            Objects.requireNonNull(prefix, "prefix must not be null");
            Arguments.requireArgument(!prefix.isEmpty()
                    && prefix.chars().noneMatch(c -> c == '{' || c == '}' || Character.isISOControl(c)),
                    "prefix must be non-empty and contain no '{', '}' or control characters, was '" + prefix + "'");
            this.prefix = prefix;
            return this;
        }

        /**
         * Every key of an execution expires this long after the execution's last save, from 1 ms
         * to {@link #MAX_TTL}; default: never. Declares {@link Capability#TTL}.
         *
         * @throws IllegalArgumentException if it is shorter than one millisecond or longer than
         *     {@link #MAX_TTL}
         */
        public Builder ttl(Duration ttl) {
            this.ttl = Durations.requireBetween(ttl, Duration.ofMillis(1), MAX_TTL, "ttl");
            return this;
        }

        /**
         * The time each operation may take before it fails with
         * {@link CheckpointStoreUnavailableException}, from 1 ms to 24 days; default 5 s. Applied to the store's own
         * connection also when the client is the user's.
         *
         * @throws IllegalArgumentException unless from 1 ms to 24 days ({@link Durations#MAX_TIMEOUT})
         */
        public Builder timeout(Duration timeout) {
            this.timeout = requirePositive(timeout, "timeout");
            return this;
        }

        /**
         * The connect timeout of a client the store builds from a URI, from 1 ms to 24 days;
         * default 5 s. A user's
         * client keeps its own.
         *
         * @throws IllegalArgumentException unless from 1 ms to 24 days ({@link Durations#MAX_TIMEOUT};
         *     Netty takes an {@code int} of milliseconds)
         */
        public Builder connectTimeout(Duration connectTimeout) {
            this.connectTimeout = requirePositive(connectTimeout, "connectTimeout");
            return this;
        }

        /**
         * The database of a standalone server when the store builds the client from a URI, 0 or
         * more; default 0. A user's client uses the database of its own URI.
         *
         * @throws IllegalArgumentException if it is negative
         */
        public Builder database(int database) {
            this.database = Arguments.requireNotNegative(database, "database");
            return this;
        }

        /** Tests only: where fresh id pointer generations come from (random by default). */
        Builder newGenerations(Supplier<byte[]> newGenerations) {
            this.newGenerations = Objects.requireNonNull(newGenerations, "newGenerations must not be null");
            return this;
        }

        /**
         * Connects and builds the store.
         *
         * @return the open store
         * @throws IllegalArgumentException if the configuration does not fit the target (for
         *     example a database other than 0 on Cluster)
         * @throws CheckpointStoreUnavailableException if Redis cannot be reached
         */
        public RedisCheckpointStore build() {
            if (client != null) {
                return new RedisCheckpointStore(RedisClients.standalone(client, timeout, "the given RedisClient",
                        () -> { }), this, StandaloneTopology::new);
            }
            if (clusterClient != null) {
                return new RedisCheckpointStore(RedisClients.cluster(clusterClient, timeout,
                        "the given RedisClusterClient", () -> { }), this, ClusterTopology::new);
            }
            if ("redis-cluster".equals(uri.scheme())) {
                if (database != 0) {
                    throw new IllegalArgumentException("Redis Cluster has only database 0, database was " + database);
                }
                return new RedisCheckpointStore(RedisClients.ownedCluster(uri, timeout, connectTimeout), this,
                        ClusterTopology::new);
            }
            return new RedisCheckpointStore(
                    RedisClients.ownedStandalone(uri, database, timeout, connectTimeout), this, StandaloneTopology::new);
        }

        private static Duration requirePositive(Duration d, String name) {
            return Durations.requireBetween(d, Duration.ofMillis(1), Durations.MAX_TIMEOUT, name);
        }
    }
}
