package io.checkpointkit.cli;

import io.checkpointkit.Checkpoint;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;

/**
 * What a migration compares: every field of a checkpoint but its version, with the state as a
 * SHA-256 checksum. The version is left out on purpose: the target store assigns its own
 * (1 on first save), so equal checkpoints in two stores may have different versions.
 */
record Fingerprint(String executionId, String parentId, String nodeName, Map<String, String> metadata,
                   Instant timestamp, String stateSha256) {

    static Fingerprint of(Checkpoint c) {
        return new Fingerprint(c.executionId(), c.parentId(), c.nodeName(), c.metadata(), c.timestamp(),
                sha256(c.state()));
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
