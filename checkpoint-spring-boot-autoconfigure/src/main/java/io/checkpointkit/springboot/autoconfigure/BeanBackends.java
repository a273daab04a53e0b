package io.checkpointkit.springboot.autoconfigure;

import io.checkpointkit.CheckpointStore;
import io.checkpointkit.spi.StoreUri;
import java.util.Set;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.springframework.beans.BeansException;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.util.ClassUtils;

/**
 * The two URI schemes that reuse a connection the application already has, instead of opening
 * one: {@code spring-datasource:[BEAN][?schema=…&table=…]} (a PostgreSQL {@link DataSource}
 * bean, needs checkpoint-postgres) and {@code spring-redis:[BEAN][?prefix=…&ttl=…&timeout=…]}
 * (a Lettuce {@code RedisClient} or {@code RedisClusterClient} bean, or else the client of
 * Spring Data Redis' {@code LettuceConnectionFactory}; needs checkpoint-redis). Without a bean
 * name the single bean of that type (or the primary one) is taken. The store never closes what
 * it reuses.
 */
final class BeanBackends {

    static final String DATASOURCE_SCHEME = "spring-datasource";
    static final String REDIS_SCHEME = "spring-redis";

    private static final String POSTGRES_CLASS = "io.checkpointkit.postgres.PostgresCheckpointStore";
    private static final String REDIS_CLASS = "io.checkpointkit.redis.RedisCheckpointStore";
    private static final String LETTUCE_FACTORY_CLASS =
            "org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory";

    private BeanBackends() {
    }

    static Supplier<CheckpointStore> dataSource(StoreUri uri, ListableBeanFactory beans, ClassLoader loader) {
        requireClass(POSTGRES_CLASS, "io.checkpointkit:checkpoint-postgres", uri, loader);
        requireOptions(uri, Set.of("schema", "table"));
        DataSource dataSource = bean(uri, beans, DataSource.class);
        return PostgresOnDataSource.opener(dataSource, uri);
    }

    static Supplier<CheckpointStore> redis(StoreUri uri, ListableBeanFactory beans, ClassLoader loader) {
        requireClass(REDIS_CLASS, "io.checkpointkit:checkpoint-redis", uri, loader);
        requireOptions(uri, Set.of("prefix", "ttl", "timeout"));
        return RedisOnClient.opener(uri, beans, ClassUtils.isPresent(LETTUCE_FACTORY_CLASS, loader));
    }

    /** The bean the URI's path names, or the single (or primary) bean of the type. */
    static <T> T bean(StoreUri uri, ListableBeanFactory beans, Class<T> type) {
        String name = uri.path();
        try {
            if (!name.isEmpty()) {
                return beans.getBean(name, type);
            }
        } catch (BeansException e) {
            throw new InvalidCheckpointKitPropertyException(StoreChainFactory.URI, "no " + type.getSimpleName()
                    + " bean named '" + name + "': " + e.getMessage(), e);
        }
        T found = beans.getBeanProvider(type).getIfUnique();
        if (found == null) {
            throw new InvalidCheckpointKitPropertyException(StoreChainFactory.URI, uri.scheme() + ": needs one "
                    + type.getSimpleName() + " bean (or a primary one, or its name: " + uri.scheme()
                    + ":BEAN); the application has " + beans.getBeanNamesForType(type).length, null);
        }
        return found;
    }

    private static void requireClass(String className, String artifact, StoreUri uri, ClassLoader loader) {
        if (!ClassUtils.isPresent(className, loader)) {
            throw new InvalidCheckpointKitPropertyException(StoreChainFactory.URI,
                    uri.scheme() + ": needs " + artifact + " on the class path", null);
        }
    }

    private static void requireOptions(StoreUri uri, Set<String> known) {
        try {
            uri.requireKnownOptions(known);
        } catch (IllegalArgumentException e) {
            throw new InvalidCheckpointKitPropertyException(StoreChainFactory.OPTIONS, uri.scheme()
                    + ": takes only the options " + known + " (the reused connection keeps its own settings); "
                    + e.getMessage(), e);
        }
    }
}
