package io.checkpointkit.redis;

/**
 * A checkpoint that a trim, clear or delete script removed, with the pointer generation it was
 * held under (now revoked): its id pointer is released if it still has that generation.
 */
record RemovedCheckpoint(byte[] id, byte[] generation) {
}
