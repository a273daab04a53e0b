package io.checkpointkit.redis;

import io.checkpointkit.ExecutionInfo;
import io.checkpointkit.ExecutionPage;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;

/**
 * The registry of executions behind {@code executions()}: {@value RedisKeys#REGISTRY_BUCKETS}
 * sorted sets of UTF-8 execution ids (score 0, so members sort by bytes, which is code point
 * order), one chosen by a hash of the id, so no single key is hot on Cluster. A page asks
 * every bucket for its next ids after the cursor, pipelined, and merges them in order.
 *
 * <p>A marker key in the execution's slot says "registered". A save whose script finds no
 * marker adds the execution after its script ran, then sets the marker (on standalone the save
 * script does both itself). {@code clear} removes the entry before its script deletes the
 * marker, so a save that survives a concurrent clear registers again. Entries of executions that
 * became empty otherwise (delete, trim, expiry) are pruned by the page that finds them empty:
 * remove the entry, then a script drops the marker if the execution is still empty, or the
 * entry is added back.
 */
final class ExecutionRegistry {

    private final RedisConnector redis;
    private final RedisKeys keys;
    private final long ttlMillis;

    ExecutionRegistry(RedisConnector redis, RedisKeys keys, long ttlMillis) {
        this.redis = redis;
        this.keys = keys;
        this.ttlMillis = ttlMillis;
    }

    /** Adds the execution, then its marker (which expires with the execution's other keys). */
    void register(byte[] executionId) {
        redis.await(add(executionId));
        byte[] marker = keys.execution(executionId).registered();
        byte[] one = {'1'};
        redis.await(ttlMillis > 0
                ? redis.commands().set(marker, one, io.lettuce.core.SetArgs.Builder.px(ttlMillis))
                : redis.commands().set(marker, one));
    }

    byte[] bucketKey(byte[] executionId) {
        return keys.registry(RedisKeys.bucketOf(executionId));
    }

    private CompletableFuture<Long> add(byte[] executionId) {
        return redis.commands().zadd(bucketKey(executionId), 0, executionId).toCompletableFuture();
    }

    void remove(byte[] executionId) {
        redis.await(redis.commands().zrem(keys.registry(RedisKeys.bucketOf(executionId)), executionId));
    }

    ExecutionPage page(String afterExecutionId, int limit) {
        List<ExecutionInfo> items = new ArrayList<>();
        byte[] cursor = afterExecutionId == null ? null : RedisKeys.utf8(afterExecutionId);
        while (items.size() < limit) {
            int wanted = limit - items.size();
            List<byte[]> candidates = nextCandidates(cursor, wanted);
            List<CompletableFuture<Object>> infos = new ArrayList<>();
            for (byte[] executionId : candidates) {
                infos.add(info(executionId));
            }
            for (int i = 0; i < candidates.size(); i++) {
                Optional<ExecutionInfo> info = ScriptReplies.executionInfo(RedisKeys.string(candidates.get(i)),
                        redis.await(infos.get(i)));
                if (info.isPresent()) {
                    items.add(info.get());
                } else {
                    prune(candidates.get(i));
                }
            }
            if (candidates.size() < wanted) {
                break;
            }
            cursor = candidates.get(candidates.size() - 1);
        }
        return ExecutionPage.of(items, limit);
    }

    private List<byte[]> nextCandidates(byte[] cursor, int wanted) {
        Range<byte[]> range = cursor == null
                ? Range.unbounded()
                : Range.from(Range.Boundary.excluding(cursor), Range.Boundary.unbounded());
        List<CompletableFuture<List<byte[]>>> sent = new ArrayList<>();
        for (int bucket = 0; bucket < RedisKeys.REGISTRY_BUCKETS; bucket++) {
            sent.add(redis.commands().zrangebylex(keys.registry(bucket), range, Limit.create(0, wanted))
                    .toCompletableFuture());
        }
        TreeSet<byte[]> merged = new TreeSet<>(RedisKeys::compareBytes);
        for (CompletableFuture<List<byte[]>> f : sent) {
            merged.addAll(redis.await(f));
        }
        List<byte[]> first = new ArrayList<>(wanted);
        for (byte[] executionId : merged) {
            if (first.size() == wanted) {
                break;
            }
            first.add(executionId);
        }
        return first;
    }

    private CompletableFuture<Object> info(byte[] executionId) {
        RedisKeys.ExecutionKeys k = keys.execution(executionId);
        return redis.runAsync(LuaScript.INFO, new byte[][] {k.index(), k.written()});
    }

    private void prune(byte[] executionId) {
        remove(executionId);
        RedisKeys.ExecutionKeys k = keys.execution(executionId);
        long count = ScriptReplies.count(LuaScript.PRUNE,
                redis.run(LuaScript.PRUNE, new byte[][] {k.index(), k.registered()}));
        if (count > 0) {
            redis.await(add(executionId));
        }
    }
}
