package io.checkpointkit.sqlite.internal;

import io.checkpointkit.CheckpointStoreUnavailableException;

import java.nio.file.Path;
import java.sql.SQLException;

/** Turns driver failures into the exceptions of the SPI, always naming the file. */
final class Errors {

    // Primary SQLite result codes (https://sqlite.org/rescode.html).
    private static final int BUSY = 5;
    private static final int LOCKED = 6;
    private static final int READONLY = 8;
    private static final int IOERR = 10;
    private static final int CORRUPT = 11;
    private static final int FULL = 13;
    private static final int CANTOPEN = 14;
    private static final int NOTADB = 26;

    private Errors() {
    }

    /**
     * True when SQLite found a malformed page ({@code SQLITE_CORRUPT}): the bytes of the file
     * are bad, not the file as a whole, so only what lives on that page is lost.
     */
    static boolean isCorruptPage(SQLException e) {
        return (e.getErrorCode() & 0xff) == CORRUPT;
    }

    /** True when another connection held a lock SQLite needed ({@code SQLITE_BUSY}). */
    static boolean isBusy(SQLException e) {
        return (e.getErrorCode() & 0xff) == BUSY;
    }

    static CheckpointStoreUnavailableException unavailable(Path file, SQLException e) {
        String reason;
        switch (e.getErrorCode() & 0xff) {
            case BUSY:
            case LOCKED:
                // Only another process can hold the lock this long: inside one store all
                // writes go through one connection. The driver's text is left to the cause.
                return new CheckpointStoreUnavailableException("SQLite database " + file
                        + " stayed locked by another connection for longer than the busy timeout", e);
            case READONLY:
                reason = "is read-only (check the permissions of the file and its directory)";
                break;
            case CANTOPEN:
                reason = "cannot be opened (missing or read-only directory?)";
                break;
            case FULL:
                reason = "cannot be written: the disk is full";
                break;
            case CORRUPT:
                reason = "is corrupted (the database disk image is malformed)";
                break;
            case NOTADB:
                reason = "is not an SQLite database";
                break;
            case IOERR:
                reason = "had an I/O error";
                break;
            default:
                reason = "failed";
                break;
        }
        return new CheckpointStoreUnavailableException(
                "SQLite database " + file + " " + reason + ": " + e.getMessage(), e);
    }
}
