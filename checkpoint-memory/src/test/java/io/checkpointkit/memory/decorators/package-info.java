/**
 * The whole TCK through the decorators of {@code checkpoint-api} (alone and composed) around the
 * memory store. These tests stay here, not in {@code checkpoint-api}: they need a complete store
 * and the TCK, and {@code checkpoint-api} can depend on neither (both depend on it, and Maven
 * refuses the cycle even in test scope). The decorators' own unit tests live in
 * {@code checkpoint-api}, against its small map-based test store.
 */
package io.checkpointkit.memory.decorators;
