/**
 * {@link io.checkpointkit.koog.CheckpointKitPersistenceProvider}: Koog's persistence storage
 * provider over any {@link io.checkpointkit.CheckpointStore}.
 *
 * <p>Koog's jars have no module descriptor; they name themselves in their manifest
 * ({@code Automatic-Module-Name}), for example {@code agents.features.snapshot.jvm} (see this
 * module's README).
 */
module io.checkpointkit.koog {
    requires transitive io.checkpointkit;
    // CheckpointKitPersistenceProvider extends AsyncPersistenceStorageProvider and takes and
    // returns AgentCheckpointData.
    requires transitive agents.features.snapshot.jvm;
    requires kotlin.stdlib;
    requires kotlinx.serialization.core;
    // The builder takes the user's kotlinx Json.
    requires transitive kotlinx.serialization.json;

    exports io.checkpointkit.koog;
}
