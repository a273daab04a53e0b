package io.checkpointkit.sqlite.internal;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;

import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteOpenMode;
import org.sqlite.core.CoreStatement;

/**
 * One SQLite connection with its prepared statements cached by SQL text. Used by one thread at
 * a time (the pool or the writer lock guarantees it).
 */
public final class PooledConnection implements AutoCloseable {

    /** The pause between two tries to set the journal mode of a busy new file. */
    private static final long BUSY_RETRY_MILLIS = 5;

    private final Path file;
    private final Connection connection;
    private final Map<String, PreparedStatement> statements = new HashMap<>();
    private final Statement plain;

    private PooledConnection(Path file, Connection connection) throws SQLException {
        this.file = file;
        this.connection = connection;
        this.plain = connection.createStatement();
    }

    /**
     * Opens a connection with the store's pragmas. The file is given to SQLite as a
     * percent-encoded {@code file:} URI, so that no character of a directory name ({@code ?},
     * {@code #}, {@code %}) is taken for URI syntax by the driver. A reader is
     * {@code PRAGMA query_only}; it sets no journal mode (that would need a write lock), and a
     * WAL file is read in WAL mode anyway, since the mode is recorded in the file.
     */
    static PooledConnection open(Path file, Settings settings, boolean reader) throws SQLException {
        return reader ? open(file, settings, "PRAGMA query_only=1") : openWriter(file, settings, 0);
    }

    /**
     * Opens a writer connection: sets the page size a new file is created with (SQLite ignores
     * it for a file that has pages, and it must come before {@code journal_mode=WAL}, which
     * writes the first page), then the journal mode.
     *
     * @param newFilePageSize {@code PRAGMA page_size} for a new file, or 0 to leave SQLite's default
     */
    static PooledConnection openWriter(Path file, Settings settings, int newFilePageSize) throws SQLException {
        PooledConnection writer = newFilePageSize == 0 ? open(file, settings)
                : open(file, settings, "PRAGMA page_size=" + newFilePageSize);
        try {
            setJournalMode(writer, settings);
            return writer;
        } catch (SQLException | RuntimeException e) {
            writer.close();
            throw e;
        }
    }

    /**
     * Sets the journal mode, trying again for up to the connect timeout while the file is busy:
     * on a new file, switching to WAL while another connection holds a lock is refused at once
     * (SQLite's deadlock avoidance does not call the busy handler), which would otherwise fail
     * one of several threads or processes opening the same new file.
     */
    private static void setJournalMode(PooledConnection writer, Settings settings) throws SQLException {
        String pragma = "PRAGMA journal_mode=" + settings.journalMode();
        long deadline = System.nanoTime() + settings.connectTimeout().toNanos();
        while (true) {
            try {
                writer.execute(pragma);
                return;
            } catch (SQLException e) {
                if (!Errors.isBusy(e) || System.nanoTime() - deadline > 0) {
                    throw e;
                }
            }
            try {
                Thread.sleep(BUSY_RETRY_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SQLException("interrupted while waiting to set the journal mode of " + writer.file, e);
            }
        }
    }

    private static PooledConnection open(Path file, Settings settings, String... pragmas) throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.setOpenMode(SQLiteOpenMode.OPEN_URI);
        config.setEncoding(SQLiteConfig.Encoding.UTF8);
        config.setBusyTimeout((int) Math.min(Integer.MAX_VALUE, settings.busyTimeout().toMillis()));
        config.setSynchronous(SQLiteConfig.SynchronousMode.valueOf(settings.synchronous()));
        config.enforceForeignKeys(settings.foreignKeys());
        // The store never asks for generated keys; left on, sqlite-jdbc matches every executed
        // statement against a regex and, after each INSERT, prepares and runs
        // "SELECT last_insert_rowid()" on a new statement: a preparation per save.
        config.setGetGeneratedKeys(false);
        Connection c = config.createConnection("jdbc:sqlite:" + fileUri(file));
        try {
            PooledConnection pc = new PooledConnection(file, c);
            for (String pragma : pragmas) {
                pc.execute(pragma);
            }
            return pc;
        } catch (SQLException | RuntimeException e) {
            c.close();
            throw e;
        }
    }

    static String fileUri(Path file) {
        byte[] bytes = file.toAbsolutePath().normalize().toString().getBytes(StandardCharsets.UTF_8);
        StringBuilder sb = new StringBuilder("file:");
        for (byte b : bytes) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '/' || c == '-' || c == '_' || c == '.' || c == '~') {
                sb.append((char) c);
            } else {
                sb.append('%').append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 0xf, 16));
            }
        }
        return sb.toString();
    }

    /**
     * A prepared statement for this SQL, prepared once per connection and prepared again when
     * the driver has finalized the cached one.
     */
    public PreparedStatement prepare(String sql) throws SQLException {
        PreparedStatement ps = statements.get(sql);
        if (ps != null && isFinalized(ps)) {
            statements.remove(sql);
            closeQuietly(ps);
            ps = null;
        }
        if (ps == null) {
            ps = connection.prepareStatement(sql);
            statements.put(sql, ps);
        }
        return ps;
    }

    /**
     * True when sqlite-jdbc has finalized the statement's native handle. It does so on every
     * error of a step except BUSY, LOCKED, CONSTRAINT and MISUSE (a full disk, an I/O error, a
     * corrupt page, an interrupt), and then every later execution of the statement fails with
     * "statement is not executing", while {@link PreparedStatement#isClosed()} still says false.
     * Without this check one such error would break every later use of the SQL on this
     * connection until the store is reopened.
     */
    private static boolean isFinalized(PreparedStatement ps) {
        return ps instanceof CoreStatement && ((CoreStatement) ps).pointer.isClosed();
    }

    private static void closeQuietly(PreparedStatement ps) {
        try {
            ps.close();
        } catch (SQLException e) {
            // Its native handle is gone already; the Java object only needs to be let go.
        }
    }

    /**
     * Executes a transaction-control statement ({@code BEGIN}, {@code SAVEPOINT}, {@code COMMIT}
     * …), prepared once per connection: these run several times per write.
     */
    public void control(String sql) throws SQLException {
        prepare(sql).execute();
    }

    /** Executes SQL without parameters or results (pragmas, DDL). */
    public void execute(String sql) throws SQLException {
        plain.execute(sql);
    }

    /** The database file, to name in error messages. */
    public Path file() {
        return file;
    }

    /** The underlying connection, for queries with results such as pragmas. */
    public Connection connection() {
        return connection;
    }

    @Override
    public void close() {
        try {
            for (PreparedStatement ps : statements.values()) {
                ps.close();
            }
            plain.close();
            connection.close();
        } catch (SQLException e) {
            // Closing: nothing useful to do with the failure; SQLite releases the file anyway.
        }
    }
}
