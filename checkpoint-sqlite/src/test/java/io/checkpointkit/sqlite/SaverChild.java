package io.checkpointkit.sqlite;

import io.checkpointkit.Checkpoint;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;
import java.util.zip.CRC32;

/**
 * Run in a child JVM by {@link SqliteFaultInjectionTest}: saves from several threads in a loop
 * and prints {@code ack <id> <crc32 of the state>} after each save returns, until it is killed.
 */
public final class SaverChild {

    private SaverChild() {
    }

    public static void main(String[] args) {
        SqliteCheckpointStore.Layout layout = SqliteCheckpointStore.Layout.valueOf(args[0]);
        Path path = Path.of(args[1]);
        String prefix = args[2];
        PrintStream out = new PrintStream(System.out, false);
        SqliteCheckpointStore store = SqliteCheckpointStore.builder().path(path).layout(layout).build();
        for (int t = 0; t < 3; t++) {
            int thread = t;
            new Thread(() -> {
                for (int n = 0; ; n++) {
                    byte[] state = new byte[ThreadLocalRandom.current().nextInt(1, 8_192)];
                    ThreadLocalRandom.current().nextBytes(state);
                    Checkpoint saved = store.save(Checkpoint.builder(prefix + "exec-" + (n % 3))
                            .id(prefix + thread + "-" + n).state(state).build());
                    CRC32 crc = new CRC32();
                    crc.update(state);
                    synchronized (out) {
                        out.println("ack " + saved.id() + " " + crc.getValue());
                        out.flush();
                    }
                }
            }).start();
        }
    }
}
