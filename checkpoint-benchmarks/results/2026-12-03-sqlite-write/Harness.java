// Issue 18, SQLite write cost per save (a measurement script, not part of the build).
// Run with the benchmarks jar on the class path (Java source launcher):
//   java -cp checkpoint-benchmarks/target/benchmarks.jar Harness.java store 8 3000 3
//   java -cp checkpoint-benchmarks/target/benchmarks.jar Harness.java raw 8 3000 3      (rawSave: batches of 8 plain INSERTs, one execution)
//   java -cp checkpoint-benchmarks/target/benchmarks.jar Harness.java rawFull 8 3000 3  (rawSaveFull: 8 executions, store's upsert + write time)
// Arguments: mode, threads (store) or batch size (raw), saves per thread (or batches), rounds (a new file each; round 0 is JIT warm-up).
// Prints rows/s, process CPU time per row (all threads, JIT and GC included) and bytes handed to write() per row
// (/proc/self/io wchar: WAL frames, checkpoints, temp files), which depend much less on the machine's load than the rate.
// rawFull options: -Dsp=none|each|one (no savepoint, one per row, one around the batch), -Dtsm (PRAGMA temp_store=MEMORY),
// store option: -DoneExecution (every thread saves into the same execution, as rawSave does).
// -Dmulti (one multi-row upsert and one multi-row write-time upsert per batch; -Dret= leaves out RETURNING).
import io.checkpointkit.Checkpoint;
import io.checkpointkit.sqlite.SqliteCheckpointStore;
import java.lang.management.ManagementFactory;
import java.nio.file.*;
import java.sql.*;
import java.util.*;
import java.util.concurrent.*;
import org.sqlite.SQLiteConfig;

/** CPU and wall time per save: store with T threads, raw batches of T (plain insert, one execution / full rows). */
public class Harness {
    static final byte[] STATE = new byte[1024];
    static final Map<String, String> META = Map.of("source", "loop", "step", "7");
    static final String META_JSON = "{\"source\":\"loop\",\"step\":\"7\"}";
    static com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    static long wchar() { try { for (String l : Files.readAllLines(Path.of("/proc/self/io"))) if (l.startsWith("wchar:")) return Long.parseLong(l.substring(6).trim()); } catch (Exception e) { } return -1; }
    static long W0;
    // -DoneExecution: the store's threads all save into one execution (as rawSave writes), to see what the layout costs.
    static final boolean ONE_EXECUTION = System.getProperty("oneExecution") != null;
    public static void main(String[] a) throws Exception {
        String what = a[0]; int threads = Integer.parseInt(a[1]); int perThread = Integer.parseInt(a[2]); int rounds = Integer.parseInt(a[3]);
        new Random(1).nextBytes(STATE);
        Path dir = Files.createTempDirectory("h");
        for (int round = 0; round < rounds; round++) {
            Path f = dir.resolve("f" + round + ".db");
            double[] r = what.equals("store") ? store(f, threads, perThread) : raw(f, threads, perThread, what.equals("rawFull"));
            System.out.printf("%s t=%d round %d: %.0f rows/s, %.1f us CPU/row, %.0f bytes written/row%n", what, threads, round, r[0], r[1], r[2]);
        }
    }

    static double[] store(Path f, int threads, int perThread) throws Exception {
        try (SqliteCheckpointStore store = SqliteCheckpointStore.builder().path(f).build()) {
            ExecutorService ex = Executors.newFixedThreadPool(threads);
            CyclicBarrier b = new CyclicBarrier(threads + 1);
            List<Future<?>> fs = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int n = t;
                fs.add(ex.submit(() -> { b.await();
                    // warm-up part
                    for (int i = 0; i < perThread; i++) {
                        store.save(Checkpoint.builder(ONE_EXECUTION ? "agent" : "agent-" + n).id("agent-" + n + "-" + i).nodeName("plan").state(STATE).metadata(META).build());
                    }
                    b.await(); return null; }));
            }
            b.await(); long cpu0 = os.getProcessCpuTime(); long t0 = System.nanoTime(); W0 = wchar();
            b.await(); long t1 = System.nanoTime(); long cpu1 = os.getProcessCpuTime();
            for (Future<?> x : fs) x.get();
            ex.shutdown();
            long rows = (long) threads * perThread;
            return new double[] {rows * 1e9 / (t1 - t0), (cpu1 - cpu0) / 1e3 / rows, (wchar() - W0) / (double) rows};
        }
    }

    static double[] raw(Path f, int batch, int perThread, boolean full) throws Exception {
        SqliteCheckpointStore.builder().path(f).build().close();
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        config.setBusyTimeout(30_000);
        config.enforceForeignKeys(true);
        config.setGetGeneratedKeys(false);
        try (Connection c = config.createConnection("jdbc:sqlite:" + f)) {
            PreparedStatement ins = c.prepareStatement("INSERT INTO checkpoints (id, execution_id, parent_id, node_name, state, metadata, ts, version, pinned) VALUES (?, ?, NULL, 'plan', ?, ?, ?, 1, 0)");
            PreparedStatement up = c.prepareStatement("INSERT INTO checkpoints (id, execution_id, parent_id, node_name, state, metadata, ts, version, pinned) VALUES (?, ?, NULL, 'plan', ?, ?, ?, 1, 0) ON CONFLICT (id) DO UPDATE SET parent_id = excluded.parent_id, node_name = excluded.node_name, state = excluded.state, metadata = excluded.metadata, ts = excluded.ts, version = checkpoints.version + 1, pinned = excluded.pinned WHERE checkpoints.execution_id = excluded.execution_id RETURNING version");
            PreparedStatement touch = c.prepareStatement("INSERT INTO execution_writes (execution_id, last_write) VALUES (?, ?) ON CONFLICT (execution_id) DO UPDATE SET last_write = max(last_write, excluded.last_write)");
            Statement ctl = c.createStatement(); if (System.getProperty("tsm") != null) ctl.execute("PRAGMA temp_store=MEMORY");
            boolean multi = System.getProperty("multi") != null;
            String row = "(?, ?, NULL, 'plan', ?, ?, ?, 1, 0)";
            PreparedStatement mup = c.prepareStatement("INSERT INTO checkpoints (id, execution_id, parent_id, node_name, state, metadata, ts, version, pinned) VALUES " + String.join(", ", Collections.nCopies(batch, row)) + " ON CONFLICT (id) DO UPDATE SET parent_id = excluded.parent_id, node_name = excluded.node_name, state = excluded.state, metadata = excluded.metadata, ts = excluded.ts, version = checkpoints.version + 1, pinned = excluded.pinned WHERE checkpoints.execution_id = excluded.execution_id" + System.getProperty("ret", " RETURNING id, version"));
            PreparedStatement mtouch = c.prepareStatement("INSERT INTO execution_writes (execution_id, last_write) VALUES " + String.join(", ", Collections.nCopies(batch, "(?, ?)")) + " ON CONFLICT (execution_id) DO UPDATE SET last_write = max(last_write, excluded.last_write)");
            long rows = (long) batch * perThread;
            long t0 = 0, cpu0 = 0;
            for (int pass = 0; pass < 2; pass++) {
                if (pass == 1) { cpu0 = os.getProcessCpuTime(); t0 = System.nanoTime(); W0 = wchar(); }
                for (int i = 0; i < perThread; i++) {
                    ctl.execute("BEGIN IMMEDIATE");
                    if (multi) {
                        long ts = System.currentTimeMillis() * 1000;
                        for (int k = 0; k < batch; k++) {
                            String e = "raw-agent-" + k; int p = 5 * k + 1;
                            mup.setString(p, e + "-" + pass + "-" + i); mup.setString(p + 1, e);
                            mup.setBytes(p + 2, STATE); mup.setString(p + 3, META_JSON); mup.setLong(p + 4, ts);
                            mtouch.setString(2 * k + 1, e); mtouch.setLong(2 * k + 2, System.currentTimeMillis());
                        }
                        if (System.getProperty("ret", "x").isEmpty()) mup.executeUpdate(); else
                        try (ResultSet rs = mup.executeQuery()) { while (rs.next()) rs.getString(1); }
                        mtouch.executeUpdate();
                        ctl.execute("COMMIT");
                        continue;
                    }
                    String sp = System.getProperty("sp", "none");
                    if (sp.equals("one")) ctl.execute("SAVEPOINT op");
                    for (int k = 0; k < batch; k++) {
                        if (sp.equals("each")) ctl.execute("SAVEPOINT op");
                        long ts = System.currentTimeMillis() * 1000;
                        if (!full) {
                            ins.setString(1, "raw-" + pass + "-" + i + "-" + k); ins.setString(2, "raw-agent");
                            ins.setBytes(3, STATE); ins.setString(4, META_JSON); ins.setLong(5, ts); ins.executeUpdate();
                        } else {
                            String e = "raw-agent-" + k;
                            up.setString(1, e + "-" + pass + "-" + i); up.setString(2, e);
                            up.setBytes(3, STATE); up.setString(4, META_JSON); up.setLong(5, ts);
                            try (ResultSet rs = up.executeQuery()) { rs.next(); }
                            touch.setString(1, e); touch.setLong(2, System.currentTimeMillis()); touch.executeUpdate();
                        }
                        if (sp.equals("each")) ctl.execute("RELEASE op");
                    }
                    if (sp.equals("one")) ctl.execute("RELEASE op");
                    ctl.execute("COMMIT");
                }
            }
            long t1 = System.nanoTime(); long cpu1 = os.getProcessCpuTime();
            return new double[] {rows * 1e9 / (t1 - t0), (cpu1 - cpu0) / 1e3 / rows, (wchar() - W0) / (double) rows};
        }
    }
}
