package io.checkpointkit.sqlite.internal;

import io.checkpointkit.CheckpointStoreUnavailableException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The open database files of the per-execution layout: at most {@code maxOpenFiles} stay open,
 * the least recently used closed first. A file in use (acquired and not yet released) is never
 * closed; when every open file is in use the bound is exceeded until they are released.
 */
final class ExecutionFiles implements AutoCloseable {

    /** An acquired file; release it with {@link ExecutionFiles#release}. */
    static final class Handle {
        final String executionId;
        final Database db;
        int users;

        Handle(String executionId, Database db) {
            this.executionId = executionId;
            this.db = db;
        }
    }

    private final Path directory;
    private final Settings settings;
    private final int maxOpenFiles;
    private final LinkedHashMap<String, Handle> open = new LinkedHashMap<>(16, 0.75f, true);
    private boolean closed;

    ExecutionFiles(Path directory, Settings settings, int maxOpenFiles) {
        this.directory = directory;
        this.settings = settings;
        this.maxOpenFiles = maxOpenFiles;
    }

    Path pathOf(String executionId) {
        return directory.resolve(FileNames.forExecution(executionId));
    }

    /**
     * Acquires the file of an execution, opening it if needed.
     *
     * @param create whether to create the file when it does not exist
     * @return the handle, or null when the file does not exist and {@code create} is false
     */
    synchronized Handle acquire(String executionId, boolean create) {
        if (closed) {
            throw new IllegalStateException("the store is closed");
        }
        Handle h = open.get(executionId);
        if (h == null) {
            Path file = pathOf(executionId);
            if (!create && !Files.exists(file)) {
                return null;
            }
            h = new Handle(executionId, Database.open(file, settings, Schema.CHECKPOINTS));
            open.put(executionId, h);
        }
        h.users++;
        closeIdleBeyondBound();
        return h;
    }

    synchronized void release(Handle h) {
        h.users--;
        closeIdleBeyondBound();
    }

    synchronized int openCount() {
        return open.size();
    }

    /**
     * Closes and deletes the file of an execution unless it is in use.
     *
     * @return false when the file is in use (nothing was done)
     */
    synchronized boolean deleteIfUnused(String executionId) {
        Handle h = open.get(executionId);
        if (h != null) {
            if (h.users > 0) {
                return false;
            }
            open.remove(executionId);
            h.db.close();
        }
        Path file = pathOf(executionId);
        // The WAL and shared-memory files go first: a database file left alone after a crash is
        // consistent on its own, while a stale WAL beside a new file of the same name is not.
        try {
            for (String suffix : List.of("-wal", "-shm", "-journal", "")) {
                Files.deleteIfExists(file.resolveSibling(file.getFileName() + suffix));
            }
        } catch (IOException e) {
            throw new CheckpointStoreUnavailableException("cannot delete SQLite database " + file + ": " + e, e);
        }
        return true;
    }

    private void closeIdleBeyondBound() {
        if (open.size() <= maxOpenFiles) {
            return;
        }
        List<Handle> toClose = new ArrayList<>();
        for (Iterator<Map.Entry<String, Handle>> it = open.entrySet().iterator();
                it.hasNext() && open.size() > maxOpenFiles; ) {
            Handle h = it.next().getValue();
            if (h.users == 0) {
                it.remove();
                toClose.add(h);
            }
        }
        toClose.forEach(h -> h.db.close());
    }

    @Override
    public synchronized void close() {
        closed = true;
        open.values().forEach(h -> h.db.close());
        open.clear();
    }
}
