package io.checkpointkit.sqlite.internal;

import java.sql.SQLException;

/** A piece of database work that may throw {@link SQLException}. */
@FunctionalInterface
public interface SqlFunction<A, R> {
    /** Runs the work. */
    R apply(A argument) throws SQLException;
}
