package io.checkpointkit.springboot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.checkpointkit.Checkpoint;
import io.checkpointkit.CheckpointStore;
import io.checkpointkit.postgres.PostgresCheckpointStore;
import io.checkpointkit.redis.RedisCheckpointStore;
import io.checkpointkit.testsupport.TestData;
import io.checkpointkit.testsupport.TestServers;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.net.URI;
import java.sql.Connection;
import java.sql.ResultSet;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/** {@code spring-datasource:} and {@code spring-redis:}: the application's connection, never closed. */
class ReuseAutoConfigurationTest {

    @Test
    void springDatasourceUsesTheApplicationsDataSourceAndLeavesItOpen() throws Exception {
        String table = Contexts.unique("ckboot_");
        try (HikariDataSource dataSource = postgresDataSource()) {
            Contexts.runner()
                    .withBean("appDataSource", DataSource.class, () -> dataSource, d -> d.setDestroyMethodName(""))
                    .withPropertyValues("checkpointkit.store.uri=spring-datasource:?table=" + table)
                    .run(context -> {
                        CheckpointStore store = context.getBean(CheckpointStore.class);
                        store.save(Checkpoint.builder("exec-1").id("cp-1").build());
                        assertThat(Contexts.managed(context).connection().tryConnect()).get()
                                .isInstanceOf(PostgresCheckpointStore.class);
                        assertThat(Contexts.health(context).details()).containsEntry("backend", "spring-datasource");
                    });
            assertThat(dataSource.isClosed()).as("the application's DataSource after shutdown").isFalse();
            try (Connection c = dataSource.getConnection();
                    ResultSet rows = c.createStatement().executeQuery("SELECT count(*) FROM " + table)) {
                rows.next();
                assertThat(rows.getInt(1)).isEqualTo(1);
            }
        } finally {
            TestData.dropPostgresTables(table);
        }
    }

    @Test
    void aNamedDataSourceIsTakenAmongSeveral() throws Exception {
        String table = Contexts.unique("ckboot_");
        try (HikariDataSource first = postgresDataSource(); HikariDataSource second = postgresDataSource()) {
            Contexts.runner()
                    .withBean("first", DataSource.class, () -> first, d -> d.setDestroyMethodName(""))
                    .withBean("second", DataSource.class, () -> second, d -> d.setDestroyMethodName(""))
                    .withPropertyValues("checkpointkit.store.uri=spring-datasource:second?table=" + table)
                    .run(context -> {
                        context.getBean(CheckpointStore.class).save(Checkpoint.builder("exec-1").build());
                        assertThat(second.getHikariPoolMXBean().getTotalConnections()).isPositive();
                    });
            Contexts.runner()
                    .withBean("first", DataSource.class, () -> first, d -> d.setDestroyMethodName(""))
                    .withBean("second", DataSource.class, () -> second, d -> d.setDestroyMethodName(""))
                    .withPropertyValues("checkpointkit.store.uri=spring-datasource:")
                    .run(context -> assertThat(StoreAutoConfigurationTest.rootCause(context.getStartupFailure(),
                            InvalidCheckpointKitPropertyException.class).getMessage()).contains("has 2"));
        } finally {
            TestData.dropPostgresTables(table);
        }
    }

    @Test
    void badReuseSettingsStopStartUpNamingTheProperty() {
        Contexts.runner().withPropertyValues("checkpointkit.store.uri=spring-datasource:").run(context ->
                assertThat(StoreAutoConfigurationTest.rootCause(context.getStartupFailure(),
                        InvalidCheckpointKitPropertyException.class).property()).isEqualTo("checkpointkit.store.uri"));
        Contexts.runner().withBean(DataSource.class, ReuseAutoConfigurationTest::postgresDataSource)
                .withPropertyValues("checkpointkit.store.uri=spring-datasource:", "checkpointkit.store.options.poolSize=3")
                .run(context -> {
                    InvalidCheckpointKitPropertyException failure = StoreAutoConfigurationTest.rootCause(
                            context.getStartupFailure(), InvalidCheckpointKitPropertyException.class);
                    assertThat(failure.property()).isEqualTo("checkpointkit.store.options");
                    assertThat(failure.getMessage()).contains("poolSize");
                });
        Contexts.runner().withBean(DataSource.class, ReuseAutoConfigurationTest::postgresDataSource)
                .withClassLoader(new FilteredClassLoader("io.checkpointkit.postgres."))
                .withPropertyValues("checkpointkit.store.uri=spring-datasource:")
                .run(context -> assertThat(StoreAutoConfigurationTest.rootCause(context.getStartupFailure(),
                        InvalidCheckpointKitPropertyException.class).getMessage()).contains("checkpoint-postgres"));
        Contexts.runner().withPropertyValues("checkpointkit.store.uri=spring-redis:").run(context ->
                assertThat(StoreAutoConfigurationTest.rootCause(context.getStartupFailure(),
                        InvalidCheckpointKitPropertyException.class).getMessage()).contains("RedisClient"));
    }

    @Test
    void springRedisUsesTheApplicationsLettuceClientAndLeavesItRunning() {
        String prefix = Contexts.unique("ckboot");
        RedisClient client = RedisClient.create(TestServers.redis());
        try {
            Contexts.runner()
                    .withBean("redisClient", RedisClient.class, () -> client, d -> d.setDestroyMethodName(""))
                    .withPropertyValues("checkpointkit.store.uri=spring-redis:?prefix=" + prefix,
                            "checkpointkit.store.options.ttl=1h")
                    .run(context -> {
                        CheckpointStore store = context.getBean(CheckpointStore.class);
                        Checkpoint saved = store.save(Checkpoint.builder("exec-1").id("cp-1").build());
                        assertThat(store.load("cp-1")).contains(saved);
                        assertThat(Contexts.managed(context).connection().tryConnect()).get()
                                .isInstanceOf(RedisCheckpointStore.class);
                    });
            try (StatefulRedisConnection<String, String> connection = client.connect()) {
                assertThat(connection.sync().ping()).as("the application's client after shutdown").isEqualTo("PONG");
            }
        } finally {
            client.shutdown();
            TestData.deleteRedisKeys(prefix);
        }
    }

    @Test
    void springRedisUsesTheClientOfSpringDataRedisConnectionFactory() {
        String prefix = Contexts.unique("ckboot");
        URI redis = URI.create(TestServers.redis());
        try {
            Contexts.runner()
                    .withBean(LettuceConnectionFactory.class,
                            () -> new LettuceConnectionFactory(new RedisStandaloneConfiguration(redis.getHost(),
                                    redis.getPort())))
                    .withPropertyValues("checkpointkit.store.uri=spring-redis:?prefix=" + prefix)
                    .run(context -> {
                        CheckpointStore store = context.getBean(CheckpointStore.class);
                        Checkpoint saved = store.save(Checkpoint.builder("exec-1").id("cp-1").build());
                        assertThat(store.load("cp-1")).contains(saved);
                        assertThat(context.getBean(LettuceConnectionFactory.class).getConnection().ping())
                                .isEqualTo("PONG");
                    });
        } finally {
            TestData.deleteRedisKeys(prefix);
        }
    }

    static HikariDataSource postgresDataSource() {
        URI uri = URI.create(TestServers.postgres());
        HikariDataSource dataSource = new HikariDataSource();
        dataSource.setJdbcUrl("jdbc:postgresql://" + uri.getHost() + ":" + uri.getPort() + uri.getPath());
        String userInfo = uri.getUserInfo();
        if (userInfo != null) {
            String[] parts = userInfo.split(":", 2);
            dataSource.setUsername(parts[0]);
            if (parts.length > 1) {
                dataSource.setPassword(parts[1]);
            }
        }
        dataSource.setMaximumPoolSize(2);
        return dataSource;
    }
}
