/**
 * The SQLite {@link io.checkpointkit.sqlite.SqliteCheckpointStore}, opened with URIs
 * {@code sqlite:…}. Exports only {@code io.checkpointkit.sqlite} (store, builder, provider);
 * the engine in {@code io.checkpointkit.sqlite.internal} is not exported.
 */
module io.checkpointkit.sqlite {
    requires transitive io.checkpointkit;
    requires java.sql;
    requires org.xerial.sqlitejdbc;
    requires com.fasterxml.jackson.databind;
    requires org.slf4j;

    exports io.checkpointkit.sqlite;

    provides io.checkpointkit.CheckpointStoreProvider
            with io.checkpointkit.sqlite.SqliteCheckpointStoreProvider;
}
