/**
 * Support for the authors of backends, decorators and configs: the rules and parsers every
 * CheckpointKit module shares, so that none writes them again. Depends on nothing of
 * CheckpointKit but itself.
 *
 * <p>Entry points:
 * <ul>
 *   <li>{@link io.checkpointkit.spi.Arguments}: the argument checks of builders, configs and
 *       stores (messages name the field, the allowed range and the refused value);</li>
 *   <li>{@link io.checkpointkit.spi.Ids}: the rules for checkpoint and execution ids, and their
 *       code point order;</li>
 *   <li>{@link io.checkpointkit.spi.StoreUri}: a parsed store URI and its option helpers, as a
 *       {@link io.checkpointkit.CheckpointStoreProvider} receives it;</li>
 *   <li>{@link io.checkpointkit.spi.Durations}: the durations users write in URIs and
 *       configuration ({@code PT2S}, {@code 500ms}).</li>
 * </ul>
 */
package io.checkpointkit.spi;
