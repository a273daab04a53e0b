package io.checkpointkit.testsupport;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import io.checkpointkit.Checkpoint;

/**
 * What the workload tried and what the store acknowledged, per checkpoint id: the facts the
 * invariants are checked against. Every write is recorded as an attempt before it is sent, and as
 * acknowledged only when the store returned, so an attempt that failed may or may not be stored
 * but an acknowledged one must be.
 */
final class Ledger {

    /** What may happen to the checkpoints of an execution, which decides what is checked. */
    enum Kind {
        /** Saved, updated by compare-and-set, loaded; never deleted or trimmed. */
        KEEP,
        /** Saved (some pinned) and trimmed. */
        TRIM,
        /** Saved, then deleted once. */
        DELETE
    }

    /** One checkpoint id and its history. */
    static final class Entry {
        final Checkpoint first;
        final Kind kind;
        final Map<Long, List<byte[]>> attempts = new ConcurrentHashMap<>();
        final Map<Long, byte[]> acknowledgedStates = new ConcurrentHashMap<>();
        final Map<Long, AtomicInteger> winners = new ConcurrentHashMap<>();
        final AtomicLong acknowledgedVersion = new AtomicLong();
        final AtomicBoolean deleteAttempted = new AtomicBoolean();
        volatile boolean deleted;

        Entry(Checkpoint first, Kind kind) {
            this.first = first;
            this.kind = kind;
        }

        String id() {
            return first.id();
        }

        void attempt(long resultingVersion, byte[] state) {
            attempts.computeIfAbsent(resultingVersion, v -> new CopyOnWriteArrayList<>()).add(state);
        }

        /** Records an acknowledged write; returns how many writes won this version so far. */
        int acknowledge(long version, byte[] state) {
            acknowledgedStates.put(version, state);
            acknowledgedVersion.accumulateAndGet(version, Math::max);
            return winners.computeIfAbsent(version, v -> new AtomicInteger()).incrementAndGet();
        }

        boolean acknowledged() {
            return acknowledgedVersion.get() > 0;
        }

        boolean wasAttempted(long version, byte[] state) {
            List<byte[]> states = attempts.get(version);
            return states != null && states.stream().anyMatch(s -> java.util.Arrays.equals(s, state));
        }
    }

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final Map<Kind, List<Entry>> acknowledgedByKind = new ConcurrentHashMap<>();

    Ledger() {
        for (Kind kind : Kind.values()) {
            acknowledgedByKind.put(kind, new ArrayList<>());
        }
    }

    Entry register(Checkpoint first, Kind kind) {
        Entry entry = new Entry(first, kind);
        entries.put(first.id(), entry);
        return entry;
    }

    void acknowledgedFirstSave(Entry entry) {
        List<Entry> list = acknowledgedByKind.get(entry.kind);
        synchronized (list) {
            list.add(entry);
        }
    }

    /** A random acknowledged entry of the kind among the {@code recent} newest, so threads collide. */
    Optional<Entry> pick(Kind kind, int recent, Random random) {
        List<Entry> list = acknowledgedByKind.get(kind);
        synchronized (list) {
            if (list.isEmpty()) {
                return Optional.empty();
            }
            int from = Math.max(0, list.size() - recent);
            return Optional.of(list.get(from + random.nextInt(list.size() - from)));
        }
    }

    Optional<Entry> entry(String id) {
        return Optional.ofNullable(entries.get(id));
    }

    Iterable<Entry> entries() {
        return entries.values();
    }

    int size() {
        return entries.size();
    }
}
