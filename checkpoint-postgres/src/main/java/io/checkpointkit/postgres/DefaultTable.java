package io.checkpointkit.postgres;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Chooses the table of a store that was given none. The default is
 * {@value PostgresCheckpointStore#DEFAULT_TABLE}, a name no other tool is known to use. Earlier
 * versions defaulted to {@value #PREVIOUS_DEFAULT_TABLE}, which collides with LangGraph's
 * PostgresSaver; a user's data there must not be silently left behind, so when the new default
 * does not exist and the old one is a checkpoint table of ours, the old one is used. A foreign
 * {@value #PREVIOUS_DEFAULT_TABLE} is left alone and the new default is created beside it.
 */
final class DefaultTable {

    /** The default table of versions before the rename. */
    static final String PREVIOUS_DEFAULT_TABLE = "checkpoints";

    private static final Logger LOG = LoggerFactory.getLogger(PostgresCheckpointStore.class);

    private DefaultTable() {
    }

    /** Reads the catalog only; the migration that follows checks the chosen table again under its lock. */
    static TableName choose(Connection connection, String schema) throws SQLException {
        TableName current = TableName.of(schema, PostgresCheckpointStore.DEFAULT_TABLE);
        TableName previous = TableName.of(schema, PREVIOUS_DEFAULT_TABLE);
        boolean previousIsOurs = ExistingTable.inspect(connection, previous).ours();
        if (!previousIsOurs) {
            return current;
        }
        if (!ExistingTable.inspect(connection, current).exists()) {
            LOG.info("Using {}, the default table of earlier versions, because {} does not exist;"
                    + " give table=checkpoints to keep it so", previous, current);
            return previous;
        }
        LOG.warn("Both {} (the default table of earlier versions) and {} exist; using {}. The checkpoints in {}"
                + " are not read: give table=checkpoints to use them, or copy them with checkpointctl migrate",
                previous, current, current, previous);
        return current;
    }
}
