package io.checkpointkit.koog;

import ai.koog.agents.snapshot.feature.AgentCheckpointData;
import ai.koog.agents.snapshot.feature.AgentCheckpointDataKt;
import ai.koog.agents.snapshot.feature.GraphCheckpointProperties;
import ai.koog.prompt.message.Message;
import ai.koog.prompt.message.RequestMetaInfo;
import ai.koog.serialization.JSONPrimitive;
import kotlin.time.Instant;

import java.util.List;
import java.util.UUID;

/** Koog checkpoints built through Koog's own public constructors, as its Persistence feature builds them. */
final class KoogCheckpoints {

    private KoogCheckpoints() {
    }

    /** A graph checkpoint after {@code nodePath}, with one user message per earlier step. */
    static AgentCheckpointData afterNode(String nodePath, long version, long epochMillis, String... userMessages) {
        List<Message> history = java.util.Arrays.stream(userMessages)
                .<Message>map(text -> new Message.User(text, RequestMetaInfo.Companion.getEmpty()))
                .toList();
        return new AgentCheckpointData(UUID.randomUUID().toString(), Instant.Companion.fromEpochMilliseconds(epochMillis),
                history, version, new GraphCheckpointProperties(nodePath, JSONPrimitive.of("out-" + nodePath)));
    }

    /** Koog's tombstone: the session ended. */
    static AgentCheckpointData tombstone(long version, long epochMillis) {
        return AgentCheckpointDataKt.tombstoneCheckpoint(Instant.Companion.fromEpochMilliseconds(epochMillis), version);
    }

    static String nodePath(AgentCheckpointData data) {
        return data.getGraphProperties() == null ? null : data.getGraphProperties().getNodePath();
    }
}
