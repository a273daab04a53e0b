/**
 * The SQLite backend, the embedded default: one database file, or one file per execution under a
 * directory.
 *
 * <p>Entry points: {@link io.checkpointkit.sqlite.SqliteCheckpointStore#builder} for code that
 * configures the store itself, and {@link io.checkpointkit.sqlite.SqliteCheckpointStoreProvider}
 * behind {@code CheckpointStores.open("sqlite:./checkpoints.db")}. The engine (connections, group
 * commit, schema) lives in {@code io.checkpointkit.sqlite.internal}, which the module does not
 * export.
 */
package io.checkpointkit.sqlite;
