package io.checkpointkit.koog;

import ai.koog.agents.snapshot.feature.AgentCheckpointData;
import ai.koog.agents.snapshot.feature.AgentCheckpointDataKt;
import ai.koog.agents.snapshot.providers.PersistenceUtils;
import io.checkpointkit.Checkpoint;
import io.checkpointkit.CheckpointCorruptedException;
import io.checkpointkit.spi.Ids;
import kotlinx.serialization.KSerializer;
import kotlinx.serialization.json.Json;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * The mapping between Koog's {@link AgentCheckpointData} and a {@link Checkpoint}: Koog's JSON
 * (the class's serializer through the provider's {@link Json}, by default Koog's own
 * {@code PersistenceUtils.defaultCheckpointJson}, as its file provider writes it) as the state,
 * the ids, time and Koog's version as the checkpoint's fields.
 */
final class CheckpointJson {

    private static final KSerializer<AgentCheckpointData> SERIALIZER = AgentCheckpointData.Companion.serializer();

    private final Json json;

    CheckpointJson(Json json) {
        this.json = json;
    }

    /** The {@link Json} Koog's own file provider uses unless told otherwise. */
    static Json koogDefault() {
        return PersistenceUtils.INSTANCE.getDefaultCheckpointJson();
    }

    Checkpoint toCheckpoint(String executionId, AgentCheckpointData data) {
        String id = Ids.requireValid(data.getCheckpointId(), "checkpointId");
        byte[] state = json.encodeToString(SERIALIZER, data).getBytes(StandardCharsets.UTF_8);
        return Checkpoint.builder(executionId)
                .id(id)
                .nodeName(data.getGraphProperties() != null ? data.getGraphProperties().getNodePath() : "")
                .timestamp(toJavaInstant(data.getCreatedAt()))
                .putMetadata(CheckpointKitPersistenceProvider.VERSION_KEY, Long.toString(data.getVersion()))
                .putMetadata(CheckpointKitPersistenceProvider.KIND_KEY, kind(data))
                .state(state)
                .build();
    }

    AgentCheckpointData decode(Checkpoint checkpoint) {
        try {
            return json.decodeFromString(SERIALIZER, new String(checkpoint.state(), StandardCharsets.UTF_8));
        } catch (RuntimeException notKoogJson) {
            throw new CheckpointCorruptedException(checkpoint.id(),
                    "its state is not a Koog AgentCheckpointData in JSON: " + notKoogJson.getMessage(), notKoogJson);
        }
    }

    private static String kind(AgentCheckpointData data) {
        if (AgentCheckpointDataKt.isTombstone(data)) {
            return "tombstone";
        }
        if (data.getGraphProperties() != null) {
            return "graph";
        }
        return data.getPlannerProperties() != null ? "planner" : "other";
    }

    private static Instant toJavaInstant(kotlin.time.Instant instant) {
        return Instant.ofEpochSecond(instant.getEpochSeconds(), instant.getNanosecondsOfSecond());
    }
}
