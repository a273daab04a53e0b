package io.checkpointkit.postgres;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * Runs one unit of SQL work on a pooled connection: commits when the connection is not in
 * autocommit mode, retries what PostgreSQL rolled back as a deadlock or serialization failure,
 * and turns driver exceptions into the store's.
 */
final class SqlRunner {

    private static final int MAX_ATTEMPTS = 3;

    /** Work on one connection; every statement the store runs is safe to run again. */
    @FunctionalInterface
    interface Work<T> {
        T apply(Connection connection) throws SQLException;
    }

    private final DataSource dataSource;
    private final HikariDataSource ownedPool;
    private final Failures failures;

    /** @param ownedPool the pool to close with the store, or null for a caller's data source */
    SqlRunner(DataSource dataSource, HikariDataSource ownedPool, Failures failures) {
        this.dataSource = dataSource;
        this.ownedPool = ownedPool;
        this.failures = failures;
    }

    <T> T run(String operation, Work<T> work) {
        for (int attempt = 1; ; attempt++) {
            try {
                T result = inConnection(dataSource, work);
                failures.succeeded();
                return result;
            } catch (SQLException e) {
                if (Failures.isRetryable(e) && attempt < MAX_ATTEMPTS) {
                    continue;
                }
                if (Failures.isConnectionLost(e)) {
                    evictIdleConnections();
                }
                throw failures.translate(operation, e);
            }
        }
    }

    static <T> T inConnection(DataSource dataSource, Work<T> work) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            boolean manual = !c.getAutoCommit();
            try {
                T result = work.apply(c);
                if (manual) {
                    c.commit();
                }
                return result;
            } catch (SQLException | RuntimeException e) {
                if (manual) {
                    try {
                        c.rollback();
                    } catch (SQLException suppressed) {
                        e.addSuppressed(suppressed);
                    }
                }
                throw e;
            }
        }
    }

    void close() {
        if (ownedPool != null) {
            ownedPool.close();
        }
    }

    // After a restart every pooled connection is dead; retire them now rather than one per call.
    private void evictIdleConnections() {
        if (ownedPool != null) {
            HikariPoolMXBean pool = ownedPool.getHikariPoolMXBean();
            if (pool != null) {
                pool.softEvictConnections();
            }
        }
    }
}
