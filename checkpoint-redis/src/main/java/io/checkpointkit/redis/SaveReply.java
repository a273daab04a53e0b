package io.checkpointkit.redis;

import java.util.List;

/**
 * What a save script ({@code save.lua}, {@code claim_save.lua}) answered, decoded by
 * {@link ScriptReplies}. Exactly one of these records.
 */
sealed interface SaveReply {

    /**
     * Written: {@code version} is the new version. {@code unregistered}: the execution's registry
     * marker was missing, so the caller adds the execution to the registry. {@code idsToRefresh}:
     * all ids of the execution when their pointers' expiries are due for a refresh, else empty.
     */
    record Saved(long version, boolean unregistered, List<byte[]> idsToRefresh) implements SaveReply {
    }

    /** Refused by compare-and-set: the stored version, 0 when nothing is stored. Nothing was written. */
    record Conflict(long storedVersion) implements SaveReply {
    }

    /** The execution has revoked (fenced) {@code generation}, which the save carried. Nothing was written. */
    record Revoked(byte[] generation) implements SaveReply {
    }

    /** The id is no longer held under the remembered generation: claim the pointer, then save again. */
    record NotHeld() implements SaveReply {
    }

    /** {@code claim_save.lua} only: {@code pointer} names another execution. Nothing was written. */
    record HeldElsewhere(byte[] pointer) implements SaveReply {
    }
}
