/**
 * The checkpoint model and the store SPI: what every user and every backend of CheckpointKit
 * writes against.
 *
 * <p>Entry points:
 * <ul>
 *   <li>{@link io.checkpointkit.CheckpointStores#open(String)}: opens a store by URI
 *       ({@code memory:}, {@code sqlite:…}, {@code postgresql://…}, {@code redis://…}), choosing
 *       the {@link io.checkpointkit.CheckpointStoreProvider} by scheme;</li>
 *   <li>{@link io.checkpointkit.CheckpointStore}: the contract every backend keeps and every
 *       decorator wraps (save with compare-and-set, load, list, delete, clear, and the fast paths
 *       latest, queries, trim and executions);</li>
 *   <li>{@link io.checkpointkit.Checkpoint} and {@link io.checkpointkit.CheckpointQuery}, built
 *       with their nested builders; {@link io.checkpointkit.ExecutionPage} and
 *       {@link io.checkpointkit.ExecutionInfo} for walking executions;</li>
 *   <li>{@link io.checkpointkit.StateCodec} for typed state, with
 *       {@link io.checkpointkit.JsonStateCodec} as the Jackson default, and
 *       {@link io.checkpointkit.MetadataJson}, metadata as the JSON object SQL backends store;</li>
 *   <li>{@link io.checkpointkit.CheckpointException} and its subclasses, the only exceptions a
 *       store throws on purpose (besides those for bad arguments).</li>
 * </ul>
 */
package io.checkpointkit;
