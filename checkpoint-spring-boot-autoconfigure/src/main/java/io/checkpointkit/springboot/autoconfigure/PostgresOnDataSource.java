package io.checkpointkit.springboot.autoconfigure;

import static io.checkpointkit.springboot.autoconfigure.InvalidCheckpointKitPropertyException.check;

import io.checkpointkit.CheckpointStore;
import io.checkpointkit.postgres.PostgresCheckpointStore;
import io.checkpointkit.spi.StoreUri;
import java.util.function.Supplier;
import javax.sql.DataSource;

/** {@code spring-datasource:}; loaded only when checkpoint-postgres is on the class path. */
final class PostgresOnDataSource {

    private PostgresOnDataSource() {
    }

    static Supplier<CheckpointStore> opener(DataSource dataSource, StoreUri uri) {
        // Checked now, before any connection: the builder validates in its setters.
        configure(PostgresCheckpointStore.builder(dataSource), uri);
        return () -> configure(PostgresCheckpointStore.builder(dataSource), uri).build();
    }

    private static PostgresCheckpointStore.Builder configure(PostgresCheckpointStore.Builder builder, StoreUri uri) {
        uri.option("schema").ifPresent(v -> check(StoreChainFactory.OPTIONS + ".schema", () -> builder.schema(v)));
        uri.option("table").ifPresent(v -> check(StoreChainFactory.OPTIONS + ".table", () -> builder.table(v)));
        return builder;
    }
}
