package io.checkpointkit.postgres;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.checkpointkit.spi.StoreUri;
import org.postgresql.ds.PGSimpleDataSource;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What a store needs to build its own HikariCP pool. Its {@link #toString()} leaves the
 * password out.
 */
record PoolSettings(List<StoreUri.Host> hosts, String database, String user, String password, int poolSize,
                    Duration connectTimeout, Duration timeout, Duration statementTimeout, String sslMode,
                    String applicationName) {

    static final int DEFAULT_PORT = 5432;
    private static final AtomicInteger POOLS = new AtomicInteger();

    /**
     * Builds the pool. Connections are made lazily (one is kept idle), so a store that is not
     * used holds one connection, and an unreachable server is reported by the first use,
     * within {@code connectTimeout}, not by the constructor of the pool.
     */
    HikariDataSource open() {
        PGSimpleDataSource pg = new PGSimpleDataSource();
        List<StoreUri.Host> targets = hosts.isEmpty() ? List.of(new StoreUri.Host("localhost", -1)) : hosts;
        pg.setServerNames(targets.stream().map(StoreUri.Host::host).toArray(String[]::new));
        pg.setPortNumbers(targets.stream().mapToInt(h -> h.portOr(DEFAULT_PORT)).toArray());
        if (database != null) {
            pg.setDatabaseName(database);
        }
        if (user != null) {
            pg.setUser(user);
        }
        if (password != null) {
            pg.setPassword(password);
        }
        int connectSeconds = ceilSeconds(connectTimeout);
        pg.setConnectTimeout(connectSeconds);
        pg.setLoginTimeout(connectSeconds);
        // The client-side bound of one operation: a server that stops answering is given up on.
        pg.setSocketTimeout(ceilSeconds(timeout));
        pg.setSslMode(sslMode);
        pg.setApplicationName(applicationName);
        pg.setTcpKeepAlive(true);
        // The server cancels a statement running longer than this; UTC keeps timestamps exact.
        pg.setOptions("-c statement_timeout=" + statementTimeout.toMillis() + " -c TimeZone=UTC");

        HikariConfig config = new HikariConfig();
        config.setDataSource(pg);
        config.setPoolName("checkpointkit-postgres-" + POOLS.incrementAndGet());
        config.setMaximumPoolSize(poolSize);
        config.setMinimumIdle(1);
        config.setConnectionTimeout(connectTimeout.toMillis());
        config.setValidationTimeout(Math.min(connectTimeout.toMillis(), 5_000));
        config.setInitializationFailTimeout(-1);
        config.setAutoCommit(true);
        return new HikariDataSource(config);
    }

    private static int ceilSeconds(Duration d) {
        long seconds = d.getSeconds() + (d.getNano() > 0 ? 1 : 0);
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, seconds));
    }

    @Override
    public String toString() {
        return "PoolSettings{hosts=" + hosts + ", database=" + database + ", user=" + user
                + ", password=" + (password == null ? "none" : "****") + ", poolSize=" + poolSize
                + ", connectTimeout=" + connectTimeout + ", timeout=" + timeout
                + ", statementTimeout=" + statementTimeout + ", sslMode=" + sslMode
                + ", applicationName=" + applicationName + '}';
    }
}
