/**
 * The PostgreSQL {@link io.checkpointkit.postgres.PostgresCheckpointStore}, opened with URIs
 * {@code postgresql://…}. Exports its store, builder and provider.
 *
 * <p>The PostgreSQL driver has no module descriptor; it is required by the name in its
 * manifest's {@code Automatic-Module-Name}, {@code org.postgresql.jdbc}.
 */
module io.checkpointkit.postgres {
    requires transitive io.checkpointkit;
    // PostgresCheckpointStore.builder(DataSource) takes the user's javax.sql.DataSource.
    requires transitive java.sql;
    requires org.postgresql.jdbc;
    requires com.zaxxer.hikari;
    requires com.fasterxml.jackson.databind;
    requires org.slf4j;

    exports io.checkpointkit.postgres;

    provides io.checkpointkit.CheckpointStoreProvider
            with io.checkpointkit.postgres.PostgresCheckpointStoreProvider;
}
