package io.checkpointkit.cli;

import java.io.PrintWriter;
import java.util.function.LongSupplier;

/**
 * A progress bar on standard error for long work: redrawn in place at most ten times a second,
 * finished with a newline. Draws nothing when disabled (standard error is not a terminal and
 * {@code --progress} was not given), so scripts and cron mails stay clean.
 */
final class Progress implements AutoCloseable {

    private static final int WIDTH = 30;
    private static final long REDRAW_NANOS = 100_000_000L;

    private final PrintWriter err;
    private final String label;
    private final long total;
    private final boolean enabled;
    private final LongSupplier nanoTime;
    private long done;
    private long lastDraw = Long.MIN_VALUE;

    Progress(PrintWriter err, String label, long total, boolean enabled, LongSupplier nanoTime) {
        this.err = err;
        this.label = label;
        this.total = Math.max(0, total);
        this.enabled = enabled;
        this.nanoTime = nanoTime;
    }

    /** Adds {@code n} units of work done. */
    void advance(long n) {
        done += n;
        if (!enabled) {
            return;
        }
        long now = nanoTime.getAsLong();
        if (lastDraw == Long.MIN_VALUE || now - lastDraw >= REDRAW_NANOS) {
            lastDraw = now;
            draw();
        }
    }

    /** Draws the final state and ends the line. */
    @Override
    public void close() {
        if (enabled) {
            draw();
            err.println();
            err.flush();
        }
    }

    private void draw() {
        long shown = total == 0 ? 0 : Math.min(done, total);
        int percent = total == 0 ? 100 : (int) (shown * 100 / total);
        int filled = total == 0 ? WIDTH : (int) (shown * WIDTH / total);
        err.print('\r' + label + " [" + "#".repeat(filled) + ".".repeat(WIDTH - filled) + "] "
                + String.format("%3d%%", percent) + ' ' + done + '/' + total);
        err.flush();
    }
}
