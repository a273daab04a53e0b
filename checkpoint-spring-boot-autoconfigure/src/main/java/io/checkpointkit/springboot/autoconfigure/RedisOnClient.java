package io.checkpointkit.springboot.autoconfigure;

import static io.checkpointkit.springboot.autoconfigure.InvalidCheckpointKitPropertyException.check;

import io.checkpointkit.CheckpointStore;
import io.checkpointkit.redis.RedisCheckpointStore;
import io.checkpointkit.spi.StoreUri;
import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.RedisClient;
import io.lettuce.core.cluster.RedisClusterClient;
import java.util.function.Function;
import java.util.function.Supplier;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/** {@code spring-redis:}; loaded only when checkpoint-redis (and so Lettuce) is on the class path. */
final class RedisOnClient {

    private RedisOnClient() {
    }

    static Supplier<CheckpointStore> opener(StoreUri uri, ListableBeanFactory beans, boolean springDataRedis) {
        AbstractRedisClient client = client(uri, beans, springDataRedis);
        Function<AbstractRedisClient, RedisCheckpointStore.Builder> start = c -> c instanceof RedisClusterClient
                ? RedisCheckpointStore.builder((RedisClusterClient) c)
                : RedisCheckpointStore.builder((RedisClient) c);
        configure(start.apply(client), uri);
        return () -> configure(start.apply(client), uri).build();
    }

    private static AbstractRedisClient client(StoreUri uri, ListableBeanFactory beans, boolean springDataRedis) {
        if (!uri.path().isEmpty()) {
            Object bean = BeanBackends.bean(uri, beans, Object.class);
            if (bean instanceof AbstractRedisClient) {
                return (AbstractRedisClient) bean;
            }
            AbstractRedisClient fromFactory = springDataRedis ? SpringDataRedis.clientOf(bean) : null;
            if (fromFactory != null) {
                return fromFactory;
            }
            throw new InvalidCheckpointKitPropertyException(StoreChainFactory.URI, "bean '" + uri.path()
                    + "' is neither a Lettuce RedisClient / RedisClusterClient nor a LettuceConnectionFactory", null);
        }
        AbstractRedisClient client = beans.getBeanProvider(RedisClient.class).getIfUnique();
        if (client == null) {
            client = beans.getBeanProvider(RedisClusterClient.class).getIfUnique();
        }
        if (client == null && springDataRedis) {
            client = SpringDataRedis.clientOf(SpringDataRedis.factory(beans));
        }
        if (client == null) {
            throw new InvalidCheckpointKitPropertyException(StoreChainFactory.URI, "spring-redis: needs one Lettuce"
                    + " RedisClient or RedisClusterClient bean, or Spring Data Redis' LettuceConnectionFactory"
                    + " (or the bean's name: spring-redis:BEAN); the application has none", null);
        }
        return client;
    }

    private static RedisCheckpointStore.Builder configure(RedisCheckpointStore.Builder builder, StoreUri uri) {
        String options = StoreChainFactory.OPTIONS + '.';
        uri.option("prefix").ifPresent(v -> check(options + "prefix", () -> builder.prefix(v)));
        if (uri.option("ttl").isPresent()) {
            check(options + "ttl", () -> builder.ttl(uri.durationOption("ttl", null, RedisCheckpointStore.MAX_TTL)));
        }
        if (uri.option("timeout").isPresent()) {
            check(options + "timeout", () -> builder.timeout(uri.durationOption("timeout", null)));
        }
        return builder;
    }

    /** Spring Data Redis' factory; its own class so the type is loaded only when present. */
    private static final class SpringDataRedis {

        static Object factory(ListableBeanFactory beans) {
            return beans.getBeanProvider(LettuceConnectionFactory.class).getIfUnique();
        }

        /** The Lettuce client of a LettuceConnectionFactory (started), or null for any other object. */
        static AbstractRedisClient clientOf(Object bean) {
            return bean instanceof LettuceConnectionFactory
                    ? ((LettuceConnectionFactory) bean).getRequiredNativeClient() : null;
        }
    }
}
