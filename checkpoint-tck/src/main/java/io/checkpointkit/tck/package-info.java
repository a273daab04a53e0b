/**
 * The compatibility test kit: the whole {@link io.checkpointkit.CheckpointStore} contract as JUnit
 * Jupiter tests, for our backends and third-party ones alike.
 *
 * <p>Entry points: extend {@link io.checkpointkit.tck.CheckpointStoreTck} and implement
 * {@code newStore()}; or run the kit from code with {@link io.checkpointkit.tck.Tck#run}, which
 * returns a {@link io.checkpointkit.tck.TckReport} (as {@code checkpointctl tck} does).
 */
package io.checkpointkit.tck;
