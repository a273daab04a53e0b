package io.checkpointkit.langgraph4j;

import java.util.concurrent.locks.ReentrantLock;

/**
 * Striped locks by thread id. Only writes of one thread wait for each other (a write reads the
 * thread's latest checkpoint to order the next one after it); different threads never share a lock
 * except by a hash collision, unlike LangGraph4j's own savers, which serialise every thread behind one.
 */
final class ThreadLocks {

    private static final int STRIPES = 64;

    private final ReentrantLock[] locks = new ReentrantLock[STRIPES];

    ThreadLocks() {
        for (int i = 0; i < STRIPES; i++) {
            locks[i] = new ReentrantLock();
        }
    }

    ReentrantLock of(String threadId) {
        return locks[Math.floorMod(threadId.hashCode(), STRIPES)];
    }
}
