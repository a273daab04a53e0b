package io.checkpointkit.redis;

import io.checkpointkit.Capability;
import io.checkpointkit.Checkpoint;
import io.checkpointkit.CheckpointConflictException;
import io.checkpointkit.CheckpointCorruptedException;
import io.checkpointkit.CheckpointException;
import io.checkpointkit.CheckpointQuery;
import io.checkpointkit.ExecutionInfo;
import io.checkpointkit.ExecutionPage;
import io.checkpointkit.spi.Ids;
import io.lettuce.core.cluster.RedisClusterClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

/** Redis-specific behaviour, run against standalone Redis and against a Cluster by the subclasses. */
abstract class RedisStoreBehaviourTest {

    static final List<String> HOSTILE_IDS = List.of("{a}", "}{", "a:b:c", "*", "{", "}", "a b", " ",
            "é中文😀𝄞", "'\"%/../\\", "ckpt:x:{YQ}:i", "EVAL \"return 1\" 0", "-", "+", "[a", "(a", "\u00ff",
            "x".repeat(Ids.MAX_LENGTH), "😀".repeat(Ids.MAX_LENGTH));

    private final List<RedisCheckpointStore> opened = new ArrayList<>();
    protected final String prefix = RedisTestServers.newPrefix();

    /** A store on the server under test, with the given prefix and ttl (null: none). */
    protected abstract RedisCheckpointStore store(String prefix, Duration ttl);

    /** The Cluster client when the server under test is a Cluster, else null (for key counts). */
    protected abstract RedisClusterClient clusterClient();

    protected RedisCheckpointStore open(Duration ttl) {
        RedisCheckpointStore s = store(prefix, ttl);
        opened.add(s);
        return s;
    }

    @AfterEach
    void closeStores() {
        opened.forEach(RedisCheckpointStore::close);
        if (clusterClient() == null) {
            RedisTestServers.deleteKeys(prefix);
        }
    }

    @Test
    void hostileIdsRoundTripWithoutColliding() {
        RedisCheckpointStore store = open(null);
        Instant ts = Instant.parse("2026-01-01T00:00:00Z");
        for (int e = 0; e < HOSTILE_IDS.size(); e++) {
            String executionId = HOSTILE_IDS.get(e);
            List<Checkpoint> saved = new ArrayList<>();
            for (String hostile : HOSTILE_IDS) {
                String id = e == 0 ? hostile : cut(hostile, 500) + "#" + e; // 512-char ids in execution 0
                saved.add(store.save(Checkpoint.builder(executionId).id(id).timestamp(ts)
                        .state(id.getBytes(StandardCharsets.UTF_8)).putMetadata("k", id).build()));
            }
            saved.sort(Checkpoint.ORDER);
            assertThat(store.list(executionId)).containsExactlyElementsOf(saved);
            for (Checkpoint c : saved) {
                assertThat(store.load(c.id())).contains(c);
            }
            assertThat(store.latest(executionId)).contains(saved.get(saved.size() - 1));
        }
        List<String> expected = new ArrayList<>(HOSTILE_IDS);
        expected.sort(Ids::compare);
        assertThat(allExecutions(store, 3)).containsExactlyElementsOf(expected);
        for (String executionId : HOSTILE_IDS) {
            for (Checkpoint c : store.list(executionId)) {
                assertThat(store.delete(c.id())).isTrue();
                assertThat(store.load(c.id())).isEmpty();
            }
        }
        assertThat(allExecutions(store, 5)).isEmpty();
    }

    private static String cut(String s, int codePoints) {
        return s.codePointCount(0, s.length()) <= codePoints ? s : s.substring(0, s.offsetByCodePoints(0, codePoints));
    }

    @Test
    void listOrdersTimestampTiesByCodePointNotByUtf16() {
        RedisCheckpointStore store = open(null);
        String execution = "order-" + UUID.randomUUID();
        Instant ts = Instant.parse("2026-01-01T00:00:00.123456Z");
        // U+FF61 sorts before U+1F600 by code point, after it in UTF-16 (String.compareTo).
        Checkpoint high = store.save(Checkpoint.builder(execution).id("😀").timestamp(ts).build());
        Checkpoint low = store.save(Checkpoint.builder(execution).id("｡").timestamp(ts).build());
        Checkpoint earlier = store.save(Checkpoint.builder(execution).id("zzz").timestamp(ts.minusNanos(1000)).build());
        assertThat(store.list(execution)).containsExactly(earlier, low, high);
        assertThat(store.latest(execution)).contains(high);
    }

    @Test
    void eightThreadsRacingCompareAndSetHaveExactlyOneWinnerPerVersion() throws Exception {
        RedisCheckpointStore store = open(null);
        String execution = "cas-" + UUID.randomUUID();
        Checkpoint current = store.save(Checkpoint.builder(execution).id("contended").build());
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            for (int round = 0; round < 10; round++) {
                Checkpoint base = current;
                CyclicBarrier start = new CyclicBarrier(8);
                List<Future<Checkpoint>> results = new ArrayList<>();
                for (int t = 0; t < 8; t++) {
                    byte[] state = {(byte) t};
                    results.add(pool.submit(() -> {
                        start.await(10, TimeUnit.SECONDS);
                        try {
                            return store.save(base.toBuilder().state(state).build());
                        } catch (CheckpointConflictException lost) {
                            return null;
                        }
                    }));
                }
                List<Checkpoint> winners = new ArrayList<>();
                for (Future<Checkpoint> f : results) {
                    Checkpoint c = f.get(30, TimeUnit.SECONDS);
                    if (c != null) {
                        winners.add(c);
                    }
                }
                assertThat(winners).hasSize(1);
                assertThat(winners.get(0).version()).isEqualTo(base.version() + 1);
                assertThat(store.load("contended")).contains(winners.get(0));
                current = winners.get(0);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aNewIdSavedConcurrentlyUnderEightExecutionsGetsExactlyOneOwner() throws Exception {
        RedisCheckpointStore store = open(null);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            for (int round = 0; round < 10; round++) {
                String id = "shared-" + UUID.randomUUID();
                CyclicBarrier start = new CyclicBarrier(8);
                List<Future<Checkpoint>> results = new ArrayList<>();
                for (int t = 0; t < 8; t++) {
                    String execution = "owner-" + round + "-" + t + "-" + UUID.randomUUID();
                    Callable<Checkpoint> save = () -> {
                        start.await(10, TimeUnit.SECONDS);
                        try {
                            return store.save(Checkpoint.builder(execution).id(id).build());
                        } catch (CheckpointConflictException lost) {
                            return null;
                        }
                    };
                    results.add(pool.submit(save));
                }
                List<Checkpoint> winners = new ArrayList<>();
                for (Future<Checkpoint> f : results) {
                    Checkpoint c = f.get(30, TimeUnit.SECONDS);
                    if (c != null) {
                        winners.add(c);
                    }
                }
                assertThat(winners).hasSize(1);
                Checkpoint winner = winners.get(0);
                assertThat(store.load(id)).contains(winner);
                assertThat(store.list(winner.executionId())).containsExactly(winner);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void anIdHeldByOneExecutionCannotBeSavedUnderAnotherUntilDeleted() {
        RedisCheckpointStore store = open(null);
        Checkpoint a = store.save(Checkpoint.builder("exec-a").id("moving").build());
        assertThatThrownBy(() -> store.save(Checkpoint.builder("exec-b").id("moving").build()))
                .isInstanceOf(CheckpointConflictException.class).hasMessageContaining("exec-a");
        assertThat(store.load("moving")).contains(a);
        assertThat(store.delete("moving")).isTrue();
        Checkpoint b = store.save(Checkpoint.builder("exec-b").id("moving").build());
        assertThat(store.load("moving")).contains(b);
        assertThat(store.list("exec-a")).isEmpty();
    }

    @Test
    void aDanglingPointerReadsAsAbsentAndIsTakenOver() {
        RedisCheckpointStore store = open(null);
        // A save that died between writing the pointer and the data leaves such a pointer.
        writeRawPointer("ghost", "exec-that-never-wrote");
        assertThat(store.load("ghost")).isEmpty();
        assertThat(store.delete("ghost")).isFalse();
        writeRawPointer("ghost", "exec-that-never-wrote");
        Checkpoint c = store.save(Checkpoint.builder("exec-real").id("ghost").build());
        assertThat(store.load("ghost")).contains(c);
        assertThat(store.list("exec-that-never-wrote")).isEmpty();
    }

    @Test
    void saveWithExpectedVersionOfAMissingIdConflictsAndLeavesNoPointer() {
        RedisCheckpointStore store = open(null);
        assertThatThrownBy(() -> store.save(Checkpoint.builder("exec").id("missing").version(3).build()))
                .isInstanceOf(CheckpointConflictException.class);
        assertThat(countKeys(":id:*")).isZero();
        assertThat(store.save(Checkpoint.builder("exec").id("missing").build()).version()).isEqualTo(1);
    }

    @Test
    void trimIsOneScriptThatKeepsPinnedAndReleasesPointers() {
        RedisCheckpointStore store = open(null);
        String execution = "trim-" + UUID.randomUUID();
        Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
        List<Checkpoint> all = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            all.add(store.save(Checkpoint.builder(execution).id(String.format("cp-%02d", i))
                    .timestamp(t0.plusSeconds(i)).pinned(i % 10 == 0).build()));
        }
        assertThat(store.trim(execution, 10)).isEqualTo(35);
        List<Checkpoint> expected = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            if (i % 10 == 0 || i == 39 || i > 40) {
                expected.add(all.get(i)); // the 5 pinned and the newest 10 unpinned
            }
        }
        assertThat(store.list(execution)).containsExactlyElementsOf(expected);
        assertThat(store.load("cp-01")).isEmpty();
        assertThat(countKeys(":id:*")).isEqualTo(15);
        assertThat(store.clear(execution)).isEqualTo(15);
        assertThat(countKeys(":id:*")).isZero();
        assertThat(store.list(execution)).isEmpty();
    }

    @Test
    void metadataFilterScansBatchesAndHonoursRangeOrderAndLimit() {
        RedisCheckpointStore store = open(null);
        String execution = "filter-" + UUID.randomUUID();
        Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
        List<Checkpoint> all = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            all.add(store.save(Checkpoint.builder(execution).id(String.format("f-%03d", i)).timestamp(t0.plusMillis(i))
                    .putMetadata("tag", i % 7 == 0 ? "seven" : "other").build()));
        }
        CheckpointQuery q = CheckpointQuery.builder().metadata("tag", "seven").newestFirst(true).limit(20)
                .after("f-010").before("f-290").build();
        assertThat(store.list(execution, q)).containsExactlyElementsOf(q.apply(all)).hasSize(20);
        CheckpointQuery unfiltered = CheckpointQuery.builder().after("f-100").limit(5).build();
        assertThat(store.list(execution, unfiltered)).containsExactlyElementsOf(unfiltered.apply(all));
        assertThat(store.list(execution, CheckpointQuery.builder().after("not-there").build())).isEmpty();
    }

    @Test
    void undecodableBytesNameTheCheckpointAndLeaveOthersReadable() {
        RedisCheckpointStore store = open(null);
        Checkpoint good = store.save(Checkpoint.builder("exec-c").id("good").build());
        store.save(Checkpoint.builder("exec-c").id("bad").build());
        corruptData("exec-c", "bad");
        assertThatThrownBy(() -> store.load("bad")).isInstanceOf(CheckpointCorruptedException.class)
                .hasMessageContaining("'bad'");
        assertThat(store.load("good")).contains(good);
    }

    @Test
    void executionsPagesInCodePointOrderAcrossRegistryBuckets() {
        RedisCheckpointStore store = open(null);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            String execution = (i % 2 == 0 ? "😀" : "｡") + i;
            ids.add(execution);
            store.save(Checkpoint.builder(execution).timestamp(Instant.parse("2026-01-01T00:00:00Z").plusSeconds(i)).build());
            store.save(Checkpoint.builder(execution).timestamp(Instant.parse("2026-01-01T00:00:00Z").plusSeconds(i + 100)).build());
        }
        ids.sort(Ids::compare);
        assertThat(allExecutions(store, 7)).containsExactlyElementsOf(ids);
        ExecutionInfo first = store.executions(null, 1).items().get(0);
        assertThat(first.checkpointCount()).isEqualTo(2);
        int i = ids.indexOf(first.executionId());
        assertThat(first.lastTimestamp()).isEqualTo(Instant.parse("2026-01-01T00:00:00Z").plusSeconds(
                Integer.parseInt(first.executionId().replaceAll("\\D", "")) + 100));
        assertThat(i).isZero();
        store.clear(ids.get(3));
        ids.remove(3);
        assertThat(allExecutions(store, 4)).containsExactlyElementsOf(ids);
    }

    @Test
    void everyKeyOfAnExecutionExpiresAfterTheTtl() {
        RedisCheckpointStore store = open(Duration.ofSeconds(1));
        assertThat(store.capabilities()).contains(Capability.TTL);
        String execution = "ttl-" + UUID.randomUUID();
        store.save(Checkpoint.builder(execution).id("t1").build());
        store.save(Checkpoint.builder(execution).id("t2").build());
        assertThat(store.load("t1")).isPresent();
        awaitTrue(Duration.ofSeconds(15), () -> store.list(execution).isEmpty() && store.load("t2").isEmpty());
        assertThat(store.executions(null, 10).items()).isEmpty();
        // Pointers live up to 1.5 ttl + 1 s so that they never expire before their data.
        awaitTrue(Duration.ofSeconds(15), () -> countKeys(":*") == 0);
    }

    @Test
    void withATtlEveryKeyButTheRegistryExpiresAndPointersOutliveTheirData() {
        Duration ttl = Duration.ofHours(1);
        RedisCheckpointStore store = open(ttl);
        String execution = "ttl-keys-" + UUID.randomUUID();
        store.save(Checkpoint.builder(execution).id("r1").build());
        store.save(Checkpoint.builder(execution).id("r2").build());
        store.save(Checkpoint.builder(execution).id("r1").build());
        java.util.Map<String, Long> pttls = RedisTestServers.pttls(prefix + ":*", clusterClient());
        assertThat(pttls).hasSize(9); // index, data, versions, 2 markers, last write, 2 pointers, 1 registry bucket
        pttls.forEach((key, pttl) -> {
            if (key.contains(":ex:{")) {
                assertThat(pttl).as(key).isEqualTo(-1L);
            } else if (key.contains(":id:{")) {
                assertThat(pttl).as(key).isGreaterThan(ttl.toMillis()).isLessThanOrEqualTo(ttl.toMillis() * 3 / 2 + 1000);
            } else if (key.endsWith(":r")) {
                assertThat(pttl).as(key).isPositive().isLessThanOrEqualTo(ttl.toMillis() / 2);
            } else {
                assertThat(pttl).as(key).isGreaterThan(ttl.toMillis() - 60_000).isLessThanOrEqualTo(ttl.toMillis());
            }
        });
    }

    @Test
    void nonAsciiPrefixesAreSeparateKeySpacesThroughEveryScript() {
        // US-ASCII once encoded both prefixes as "tenant_?": the two stores shared every key.
        String tenant = UUID.randomUUID().toString();
        String prefixE = "tenant_é-" + tenant;
        String prefixU = "tenant_ü-" + tenant;
        String execution = "exé😀{1}-" + tenant;
        List<String> ids = List.of("é", "ü", "😀", "𝄞{x}", "}{", "{tag}");
        Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
        try {
            RedisCheckpointStore e = store(prefixE, Duration.ofHours(1)); // a ttl: the refresh paths run too
            RedisCheckpointStore u = store(prefixU, Duration.ofHours(1));
            opened.add(e);
            opened.add(u);
            List<Checkpoint> savedE = new ArrayList<>();
            List<Checkpoint> savedU = new ArrayList<>();
            for (int i = 0; i < ids.size(); i++) {
                Checkpoint base = Checkpoint.builder(execution).id(ids.get(i)).timestamp(t0.plusSeconds(i)).build();
                savedE.add(e.save(base.toBuilder().state(utf8("E" + i)).build()));
                savedU.add(u.save(base.toBuilder().state(utf8("U" + i)).build()));
            }
            // An update (on Cluster through the cached generation) stays in its own key space too.
            savedU.set(0, u.save(savedU.get(0).toBuilder().state(utf8("U0 again")).build()));
            assertThat(savedE).allSatisfy(c -> assertThat(c.version()).isEqualTo(1));
            assertThat(savedU.get(0).version()).isEqualTo(2);
            for (int i = 0; i < ids.size(); i++) {
                assertThat(e.load(ids.get(i))).contains(savedE.get(i));
                assertThat(u.load(ids.get(i))).contains(savedU.get(i));
            }
            assertThat(e.list(execution)).containsExactlyElementsOf(savedE);
            assertThat(u.list(execution)).containsExactlyElementsOf(savedU);
            CheckpointQuery range = CheckpointQuery.builder().after(ids.get(0)).before(ids.get(5)).newestFirst(true).build();
            assertThat(e.list(execution, range)).containsExactlyElementsOf(range.apply(savedE));
            assertThat(e.latest(execution)).contains(savedE.get(5));
            assertThat(u.latest(execution)).contains(savedU.get(5));
            assertThat(allExecutions(e, 5)).containsExactly(execution);

            assertThat(e.trim(execution, 3)).isEqualTo(3);
            assertThat(e.delete(ids.get(5))).isTrue();
            assertThat(e.list(execution)).containsExactlyElementsOf(savedE.subList(3, 5));
            assertThat(u.list(execution)).containsExactlyElementsOf(savedU);
            assertThat(u.load(ids.get(5))).contains(savedU.get(5));

            // The takeover protocol (claim, fence, swap) sees only its own prefix's owner.
            String other = "other-ü-" + tenant;
            assertThatThrownBy(() -> e.save(Checkpoint.builder(other).id(ids.get(3)).build()))
                    .isInstanceOf(CheckpointConflictException.class);
            assertThat(e.save(Checkpoint.builder(other).id(ids.get(0)).build()).version()).isEqualTo(1);

            assertThat(e.clear(execution)).isEqualTo(2);
            assertThat(u.list(execution)).containsExactlyElementsOf(savedU);
            assertThat(allExecutions(e, 5)).containsExactly(other);
            assertThat(allExecutions(u, 5)).containsExactly(execution);
            assertThat(u.clear(execution)).isEqualTo(ids.size());
            assertThat(e.list(other)).hasSize(1);
            assertThat(allExecutions(u, 5)).isEmpty();
        } finally {
            if (clusterClient() == null) {
                RedisTestServers.deleteKeys(prefixE);
                RedisTestServers.deleteKeys(prefixU);
            }
        }
    }

    /** An execution saved before write times were kept (no :w key) is counted as written at the first check. */
    @Test
    void anExecutionWithoutAWriteTimeIsCountedAsWrittenAtTheFirstIdleCheck() {
        RedisCheckpointStore store = open(Duration.ofHours(1));
        String execution = "pre-write-times-" + UUID.randomUUID();
        store.save(Checkpoint.builder(execution).id("p1").timestamp(Instant.parse("2020-01-01T00:00:00Z")).build());
        java.util.Set<String> writeKeys = RedisTestServers.pttls(prefix + ":x:*:w", clusterClient()).keySet();
        assertThat(writeKeys).hasSize(1);
        deleteKey(writeKeys.iterator().next());

        assertThat(store.clearIfIdleSince(execution, Instant.now().plus(Duration.ofDays(1)))).isZero();
        assertThat(store.list(execution)).hasSize(1);
        java.util.Map<String, Long> pttls = RedisTestServers.pttls(prefix + ":x:*:w", clusterClient());
        assertThat(pttls.values()).singleElement().satisfies(pttl -> assertThat(pttl).isPositive()); // expires with its data
        assertThat(store.clearIfIdleSince(execution, Instant.now().plus(Duration.ofDays(1)))).isEqualTo(1);
        assertThat(store.list(execution)).isEmpty();
    }

    private void deleteKey(String key) {
        byte[] raw = key.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        if (clusterClient() == null) {
            try (var c = RedisTestServers.sharedClient().connect(io.lettuce.core.codec.ByteArrayCodec.INSTANCE)) {
                c.sync().del(raw);
            }
        } else {
            try (var c = clusterClient().connect(io.lettuce.core.codec.ByteArrayCodec.INSTANCE)) {
                c.sync().del(raw);
            }
        }
    }

    @Test
    void aSaveScriptThatFailsHasWrittenNothing() {
        RedisKeys keys = new RedisKeys(prefix);
        byte[] execution = utf8("half-" + UUID.randomUUID());
        RedisKeys.ExecutionKeys k = keys.execution(execution);
        byte[] id = utf8("half-written");
        byte[] timestamp = RedisKeys.sortableTimestamp(Instant.parse("2026-01-01T00:00:00Z"));
        // A ttl of 1e17 ms: Lua sent it on as "1e+17", which PEXPIRE refused after the writes.
        byte[] hugeTtl = utf8("100000000000000000");
        try (RedisConnector redis = connector()) {
            assertThatThrownBy(() -> redis.run(LuaScript.SAVE, k.all(), id, timestamp, utf8("0"),
                    IdPointers.newGeneration(), utf8("0"), utf8("body"), hugeTtl, utf8("0")))
                    .isInstanceOf(CheckpointException.class).hasMessageContaining("ttl");
            assertThat(redis.await(redis.commands().exists(k.all()))).isZero();
            if (clusterClient() == null) {
                byte[][] claimKeys = {k.index(), k.data(), k.versions(), k.fences(), k.refresh(), k.registered(),
                        keys.pointer(id), keys.registry(RedisKeys.bucketOf(execution))};
                assertThatThrownBy(() -> redis.run(LuaScript.CLAIM_SAVE, claimKeys, id, timestamp, utf8("0"),
                        IdPointers.newGeneration(), utf8("0"), utf8("body"), hugeTtl, execution, utf8("0")))
                        .isInstanceOf(CheckpointException.class);
                assertThat(redis.await(redis.commands().exists(k.all()))).isZero();
                assertThat(redis.await(redis.commands().exists(keys.pointer(id)))).isZero();
            }
            // A key of the wrong type (foreign data under the prefix) fails the script before it writes.
            redis.await(redis.commands().set(k.data(), utf8("not a hash")));
            assertThatThrownBy(() -> redis.run(LuaScript.SAVE, k.all(), id, timestamp, utf8("0"),
                    IdPointers.newGeneration(), utf8("0"), utf8("body"), utf8("0"), utf8("0")))
                    .isInstanceOf(CheckpointException.class);
            assertThat(redis.await(redis.commands().exists(k.index(), k.versions()))).isZero();
            redis.await(redis.commands().del(k.data()));
        }
    }

    @Test
    void deleteAndTrimThatFailHaveRemovedNothing() {
        RedisCheckpointStore store = open(null);
        String execution = "half-removed-" + UUID.randomUUID();
        Checkpoint first = store.save(Checkpoint.builder(execution).id("hr-1").timestamp(Instant.EPOCH).build());
        Checkpoint second = store.save(Checkpoint.builder(execution).id("hr-2").timestamp(Instant.EPOCH.plusSeconds(1)).build());
        byte[] fences = new RedisKeys(prefix).execution(utf8(execution)).fences();
        try (RedisConnector redis = connector()) {
            // The fence hash is written last by both scripts; a string there once failed them after their removals.
            redis.await(redis.commands().set(fences, utf8("not a hash")));
            assertThatThrownBy(() -> store.delete("hr-2")).isInstanceOf(CheckpointException.class);
            assertThatThrownBy(() -> store.trim(execution, 0)).isInstanceOf(CheckpointException.class);
            assertThat(store.list(execution)).containsExactly(first, second);
            assertThat(store.load("hr-2")).contains(second);
            redis.await(redis.commands().del(fences));
        }
        assertThat(store.trim(execution, 0)).isEqualTo(2);
    }

    @Test
    void aSaveWhosePointerKeepsBeingRevokedIsAConflictNotAnOutage() {
        String execution = "revoked-" + UUID.randomUUID();
        RedisKeys.ExecutionKeys k = new RedisKeys(prefix).execution(utf8(execution));
        // Every claim of this store gets a generation that the execution has already revoked, as
        // when other writers revoke each claim before its data lands (deletes of the id, takeovers
        // by saves under other executions): each attempt is refused and must be retried.
        byte[] revoked = IdPointers.newGeneration();
        java.util.concurrent.atomic.AtomicBoolean contended = new java.util.concurrent.atomic.AtomicBoolean(true);
        RedisCheckpointStore.Builder b = clusterClient() == null
                ? RedisCheckpointStore.builder(RedisTestServers.sharedClient())
                : RedisCheckpointStore.builder(clusterClient());
        RedisCheckpointStore store = b.prefix(prefix).timeout(Duration.ofMillis(500))
                .newGenerations(() -> contended.get() ? revoked : IdPointers.newGeneration()).build();
        opened.add(store);
        try (RedisConnector redis = connector()) {
            assertThat((Long) redis.run(LuaScript.FENCE, new byte[][] {k.versions(), k.fences()}, utf8("revoked"), revoked,
                    utf8("3600000"))).isZero();
        }
        // It kept trying, with backoff, for as long as the timeout allowed, then reports contention.
        assertThatThrownBy(() -> store.save(Checkpoint.builder(execution).id("revoked").build()))
                .isInstanceOf(CheckpointConflictException.class)
                .hasMessageContaining("'revoked'").hasMessageContaining("contended")
                .hasMessageContaining("within the PT0.5S timeout").hasMessageContaining("not an outage");
        assertThat(store.load("revoked")).isEmpty();
        contended.set(false);
        Checkpoint saved = store.save(Checkpoint.builder(execution).id("revoked").build());
        assertThat(store.load("revoked")).contains(saved);
    }

    /** A connector of the kind under test, on the test's server; the caller closes it. */
    protected RedisConnector connector() {
        return clusterClient() == null
                ? RedisClients.standalone(RedisTestServers.sharedClient(), Duration.ofSeconds(10), "test", () -> { })
                : RedisClients.cluster(clusterClient(), Duration.ofSeconds(10), "test", () -> { });
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    protected long countKeys(String suffixGlob) {
        return RedisTestServers.pttls(prefix + suffixGlob, clusterClient()).size();
    }

    protected abstract void writeRawPointer(String checkpointId, String executionId);

    protected abstract void corruptData(String executionId, String checkpointId);

    static List<String> allExecutions(RedisCheckpointStore store, int pageSize) {
        List<String> out = new ArrayList<>();
        String after = null;
        for (int pages = 0; pages < 1000; pages++) {
            ExecutionPage page = store.executions(after, pageSize);
            page.items().forEach(i -> out.add(i.executionId()));
            Optional<String> next = page.nextAfter();
            if (next.isEmpty()) {
                return out;
            }
            after = next.get();
        }
        return fail("executions() did not end");
    }

    static void awaitTrue(Duration max, BooleanSupplier condition) {
        long deadline = System.nanoTime() + max.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("condition not met within " + max);
            }
            try {
                Thread.sleep(50); // polling the server's expiry, which no latch can observe
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("interrupted");
            }
        }
    }
}
