package io.checkpointkit.redis;

import java.util.Arrays;

/**
 * Standalone Redis, where a script may touch keys of any slot: one script claims the pointer,
 * saves and registers the execution ({@code claim_save.lua}, one round trip), and one script
 * releases any number of pointers ({@code release_all.lua}, in chunks).
 */
final class StandaloneTopology implements Topology {

    private final RedisConnector redis;
    private final IdPointers pointers;
    private final SaveSteps steps;

    StandaloneTopology(RedisConnector redis, IdPointers pointers, SaveSteps steps) {
        this.redis = redis;
        this.pointers = pointers;
        this.steps = steps;
    }

    @Override
    public Long trySave(SaveSteps.Write w) {
        SaveReply reply = steps.claimAndSave(w);
        if (reply instanceof SaveReply.HeldElsewhere) {
            return steps.claimThenSave(w); // another execution's pointer: the takeover protocol
        }
        if (reply instanceof SaveReply.Revoked revoked) {
            redis.await(pointers.release(w.id, ValueLayout.pointer(revoked.generation(), w.executionId)));
            return null;
        }
        return steps.finish(w, reply);
    }

    /** Nothing is remembered: every save claims in its one script. */
    @Override
    public void forget(String checkpointId) {
    }

    @Override
    public void releasePointers(byte[][] pointerKeys, byte[][] expected) {
        for (int from = 0; from < pointerKeys.length; from += IdPointers.RELEASE_CHUNK) {
            int to = Math.min(pointerKeys.length, from + IdPointers.RELEASE_CHUNK);
            ScriptReplies.count(LuaScript.RELEASE_ALL, redis.run(LuaScript.RELEASE_ALL,
                    Arrays.copyOfRange(pointerKeys, from, to), Arrays.copyOfRange(expected, from, to)));
        }
    }
}
