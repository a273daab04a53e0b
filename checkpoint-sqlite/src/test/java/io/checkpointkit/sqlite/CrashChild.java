package io.checkpointkit.sqlite;

import io.checkpointkit.Checkpoint;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Run in a child JVM by {@link CrashSafetyTest}: saves in a loop from several threads and
 * prints {@code ack <id>} after each save returns, until it is killed.
 */
public final class CrashChild {

    private CrashChild() {
    }

    public static void main(String[] args) {
        SqliteCheckpointStore.Layout layout = SqliteCheckpointStore.Layout.valueOf(args[0]);
        Path path = Path.of(args[1]);
        String run = args[2];
        PrintStream out = new PrintStream(System.out, false);
        SqliteCheckpointStore store = SqliteCheckpointStore.builder().path(path).layout(layout).build();
        for (int t = 0; t < 4; t++) {
            int thread = t;
            new Thread(() -> {
                for (int n = 0; ; n++) {
                    byte[] state = new byte[ThreadLocalRandom.current().nextInt(1, 16_384)];
                    ThreadLocalRandom.current().nextBytes(state);
                    Checkpoint saved = store.save(Checkpoint.builder("exec-" + (n % 3))
                            .id(run + "-" + thread + "-" + n).state(state).putMetadata("n", "" + n).build());
                    synchronized (out) {
                        out.println("ack " + saved.id());
                        out.flush();
                    }
                }
            }).start();
        }
    }
}
