package io.checkpointkit.encryption;

import io.checkpointkit.CheckpointStore;

import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/** Keys, rings and configs for the tests of this module. */
final class TestKeys {

    static final EncryptionKey K1 = EncryptionKey.generate("k1");
    static final EncryptionKey K2 = EncryptionKey.generate("k2");
    static final EncryptionKey K3 = EncryptionKey.generate("k3");

    private TestKeys() {
    }

    /** A config over a fixed ring of the given keys, the last one primary. */
    static EncryptionConfig config(EncryptionKey... keys) {
        return EncryptionConfig.builder().keyProvider(KeyProviders.fixed(KeyRing.of(keys))).build();
    }

    /** Wraps a store with a fixed ring of the given keys. */
    static EncryptingCheckpointStore encrypting(CheckpointStore store, EncryptionKey... keys) {
        return EncryptingCheckpointStore.wrap(store, config(keys));
    }

    /** A provider whose ring a test changes. */
    static final class MutableKeyProvider implements KeyProvider {
        private final AtomicReference<KeyRing> ring;
        private volatile RuntimeException failure;
        volatile int calls;

        MutableKeyProvider(EncryptionKey... keys) {
            ring = new AtomicReference<>(KeyRing.of(List.of(keys)));
        }

        void set(EncryptionKey... keys) {
            ring.set(KeyRing.of(List.of(keys)));
        }

        void failWith(RuntimeException e) {
            failure = e;
        }

        @Override
        public KeyRing keyRing() {
            calls++;
            RuntimeException f = failure;
            if (f != null) {
                throw f;
            }
            return ring.get();
        }
    }
}
