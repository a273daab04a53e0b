/**
 * Decorators that add behaviour to any {@link io.checkpointkit.CheckpointStore} and need no other
 * library: each wraps a store, is a store, and composes with the others in any order.
 *
 * <p>Entry points:
 * <ul>
 *   <li>{@link io.checkpointkit.decorators.ForwardingCheckpointStore}: forwards every call, the
 *       fast paths included; the base of every decorator, ours and the user's;</li>
 *   <li>{@link io.checkpointkit.decorators.AutoTrimmingCheckpointStore} with
 *       {@link io.checkpointkit.decorators.AutoTrimConfig}: keeps the latest N checkpoints per
 *       execution, trimming in the background;</li>
 *   <li>{@link io.checkpointkit.decorators.CircuitBreakingCheckpointStore} with
 *       {@link io.checkpointkit.decorators.CircuitBreakerConfig}: fails fast with
 *       {@link io.checkpointkit.decorators.CircuitOpenException} while the store keeps failing.</li>
 * </ul>
 * Each decorator is made with {@code wrap(store, config)} and exposes its statistics with
 * {@code stats()}.
 */
package io.checkpointkit.decorators;
