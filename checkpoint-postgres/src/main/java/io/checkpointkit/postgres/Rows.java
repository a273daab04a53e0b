package io.checkpointkit.postgres;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.checkpointkit.Checkpoint;
import io.checkpointkit.CheckpointCorruptedException;
import io.checkpointkit.MetadataJson;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** Converts between checkpoints and rows: metadata as jsonb text, timestamps as timestamptz. */
final class Rows {

    private Rows() {
    }

    /** Binds a timestamp exactly (microseconds, any offset of the session). */
    static OffsetDateTime timestamp(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    static List<Checkpoint> readAll(PreparedStatement statement) throws SQLException {
        List<Checkpoint> checkpoints = new ArrayList<>();
        try (ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                checkpoints.add(read(rs));
            }
        }
        return checkpoints;
    }

    /**
     * Reads the row at the cursor, whose columns are {@link CheckpointSql#COLUMNS}.
     *
     * @throws CheckpointCorruptedException naming the id when the row does not make a valid
     *     checkpoint (for example metadata that is not an object of strings, written by hand)
     */
    static Checkpoint read(ResultSet rs) throws SQLException {
        String id = rs.getString(1);
        try {
            String parentId = rs.getString(3);
            Checkpoint.Builder b = Checkpoint.builder(rs.getString(2))
                    .id(id)
                    .nodeName(rs.getString(4))
                    .state(nonNull(rs.getBytes(5), "state"))
                    .timestamp(rs.getObject(7, OffsetDateTime.class).toInstant())
                    .version(rs.getLong(8));
            if (parentId != null) {
                b.parentId(parentId);
            }
            String metadata = rs.getString(6);
            if (metadata != null) {
                b.metadata(MetadataJson.read(metadata));
            }
            return b.build();
        } catch (JsonProcessingException | RuntimeException e) {
            throw new CheckpointCorruptedException(id, "its row is not a valid checkpoint: " + e.getMessage(), e);
        }
    }

    private static byte[] nonNull(byte[] bytes, String column) {
        if (bytes == null) {
            throw new IllegalArgumentException(column + " is NULL");
        }
        return bytes;
    }
}
