package io.checkpointkit.redis;

import java.util.Arrays;
import java.util.OptionalLong;

/**
 * Standalone Redis, where a script may touch keys of any slot: one script claims the pointer,
 * saves and registers the execution ({@code claim_save.lua}, one round trip), and one script
 * releases any number of pointers ({@code release_all.lua}, in chunks).
 */
final class StandaloneTopology extends Topology {

    StandaloneTopology(RedisConnector redis, IdPointers pointers, SaveSteps steps) {
        super(redis, pointers, steps);
    }

    @Override
    OptionalLong trySave(SaveSteps.Write w) {
        ScriptReplies.SaveReply reply = steps.claimAndSave(w);
        if (reply instanceof ScriptReplies.HeldElsewhere) {
            return steps.claimThenSave(w); // another execution's pointer: the takeover protocol
        }
        if (reply instanceof ScriptReplies.Revoked revoked) {
            redis.await(pointers.release(w.id, ValueLayout.pointer(revoked.generation(), w.executionId)));
            return OptionalLong.empty();
        }
        return OptionalLong.of(steps.finish(w, reply));
    }

    /** Nothing is remembered: every save claims in its one script. */
    @Override
    void forget(String checkpointId) {
    }

    @Override
    void releasePointers(byte[][] pointerKeys, byte[][] expected) {
        for (int from = 0; from < pointerKeys.length; from += IdPointers.RELEASE_CHUNK) {
            int to = Math.min(pointerKeys.length, from + IdPointers.RELEASE_CHUNK);
            ScriptReplies.count(LuaScript.RELEASE_ALL, redis.run(LuaScript.RELEASE_ALL,
                    Arrays.copyOfRange(pointerKeys, from, to), Arrays.copyOfRange(expected, from, to)));
        }
    }
}
