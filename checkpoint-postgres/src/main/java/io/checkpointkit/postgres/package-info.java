/**
 * The PostgreSQL backend: one table with versioned migrations, connections pooled by HikariCP or
 * taken from the user's {@link javax.sql.DataSource}.
 *
 * <p>Entry points: {@link io.checkpointkit.postgres.PostgresCheckpointStore#builder} for code that
 * owns its data source or configures the store itself, and
 * {@link io.checkpointkit.postgres.PostgresCheckpointStoreProvider} behind
 * {@code CheckpointStores.open("postgresql://user:pass@host:5432/db")}.
 */
package io.checkpointkit.postgres;
