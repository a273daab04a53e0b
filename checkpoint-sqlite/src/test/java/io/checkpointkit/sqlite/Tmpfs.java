package io.checkpointkit.sqlite;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A small tmpfs mounted for one test, to make a real disk full or a real read-only file system.
 * Needs root (or CAP_SYS_ADMIN); where mounting is not permitted the test is skipped with a
 * message that says so, and only then.
 */
public final class Tmpfs implements AutoCloseable {

    private final Path mountPoint;

    private Tmpfs(Path mountPoint) {
        this.mountPoint = mountPoint;
    }

    /** Mounts a tmpfs of {@code size} (as {@code mount -o size=}, e.g. {@code 1m}) on a new directory. */
    public static Tmpfs mount(Path mountPoint, String size) throws IOException, InterruptedException {
        Files.createDirectories(mountPoint);
        Result r = run("mount", "-t", "tmpfs", "-o", "size=" + size, "tmpfs", mountPoint.toString());
        Assumptions.assumeTrue(r.exitCode == 0, () -> "skipped: this test needs to mount a tmpfs (run as root or with"
                + " CAP_SYS_ADMIN), and 'mount -t tmpfs' failed with exit code " + r.exitCode + ": " + r.output);
        return new Tmpfs(mountPoint);
    }

    public Path path() {
        return mountPoint;
    }

    /** Remounts read-only ({@code ro = true}) or read-write; works as root, unlike chmod. */
    public void remount(boolean readOnly) throws IOException, InterruptedException {
        Result r = run("mount", "-o", "remount," + (readOnly ? "ro" : "rw"), mountPoint.toString());
        if (r.exitCode != 0) {
            throw new IOException("remount of " + mountPoint + " failed: " + r.output);
        }
    }

    /**
     * Fills the free space with a file of zeros until the file system says it is full; returns
     * the file, whose deletion frees the space again.
     */
    public Path fill() throws IOException {
        Path filler = mountPoint.resolve("filler");
        byte[] chunk = new byte[4096];
        try (OutputStream out = Files.newOutputStream(filler)) {
            while (true) {
                out.write(chunk);
            }
        } catch (IOException full) {
            // ENOSPC: the disk is full now.
        }
        return filler;
    }

    @Override
    public void close() throws IOException, InterruptedException {
        Result r = run("umount", mountPoint.toString());
        if (r.exitCode != 0) {
            // Something still holds a file open (a failed test's store): detach it anyway.
            run("umount", "-l", mountPoint.toString());
        }
    }

    private record Result(int exitCode, String output) {
    }

    private static Result run(String... command) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(command));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return new Result(-1, "timed out");
        }
        return new Result(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim());
    }
}
