package io.checkpointkit.encryption;

import io.checkpointkit.CheckpointCorruptedException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StateCipherTest {

    private final StateCipher cipher = new StateCipher();
    private final EncryptionKey key = EncryptionKey.generate("k1");

    @Test
    void callsOneAfterAnotherShareOneCipher() {
        for (int i = 0; i < 5; i++) {
            byte[] stored = cipher.encrypt(key, "run", "cp-" + i, bytes("state " + i));
            assertThat(cipher.decrypt(key, "run", "cp-" + i, stored)).isEqualTo(bytes("state " + i));
        }

        assertThat(cipher.idleCiphers()).isEqualTo(1);
    }

    @Test
    void aCipherKeptAfterAFailedDecryptionStillEncryptsAndDecrypts() {
        byte[] stored = cipher.encrypt(key, "run", "cp-1", bytes("hello"));
        byte[] tampered = stored.clone();
        tampered[tampered.length - 1] ^= 1;
        assertThatThrownBy(() -> cipher.decrypt(key, "run", "cp-1", tampered))
                .isInstanceOf(CheckpointCorruptedException.class);
        assertThatThrownBy(() -> cipher.decrypt(key, "run", "cp-2", stored))
                .isInstanceOf(CheckpointCorruptedException.class);

        byte[] again = cipher.encrypt(key, "run", "cp-3", bytes("world"));

        assertThat(cipher.decrypt(key, "run", "cp-1", stored)).isEqualTo(bytes("hello"));
        assertThat(cipher.decrypt(key, "run", "cp-3", again)).isEqualTo(bytes("world"));
        assertThat(cipher.idleCiphers()).isEqualTo(1);
    }

    @Test
    void callsAtOnceNeverShareACipherAndAtMostTheLimitIsKept() throws Exception {
        int threads = StateCipher.MAX_IDLE * 2;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < 200; i++) {
                        String id = "cp-" + thread + "-" + i;
                        byte[] state = bytes(id.repeat(50));
                        byte[] stored = cipher.encrypt(key, "run-" + thread, id, state);
                        assertThat(cipher.decrypt(key, "run-" + thread, id, stored)).isEqualTo(state);
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(cipher.idleCiphers()).isBetween(1, StateCipher.MAX_IDLE);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
