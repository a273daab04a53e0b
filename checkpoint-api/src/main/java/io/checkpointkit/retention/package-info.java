/**
 * Retention sweeps: walk every execution of a store and trim it to its latest checkpoints, or
 * clear executions that have been idle too long.
 *
 * <p>Entry points: {@link io.checkpointkit.retention.RetentionSweeper} (on demand with
 * {@code sweepOnce()}, or on a schedule) applying a
 * {@link io.checkpointkit.retention.RetentionPolicy}; it reports each execution to a
 * {@link io.checkpointkit.retention.SweepListener} and returns a
 * {@link io.checkpointkit.retention.SweepSummary}. The CLI's {@code sweep} and
 * {@code trim --all} use the same sweeper.
 */
package io.checkpointkit.retention;
