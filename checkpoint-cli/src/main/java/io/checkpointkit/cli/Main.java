package io.checkpointkit.cli;

import io.checkpointkit.CheckpointStores;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import picocli.CommandLine;

/**
 * The entry point of {@code checkpointctl}, the CheckpointKit command line: inspect, trim,
 * sweep and migrate stores, run the TCK or a quick benchmark against a live store, and the
 * runnable demo.
 *
 * <p>Exit codes: 0 success, 1 a check failed (TCK failures, a migration that does not verify),
 * 2 bad usage (an unknown option, a malformed store URI), 3 the store cannot be reached,
 * 4 the checkpoint or execution asked for does not exist, 5 any other error, 9 the demo's
 * simulated crash.
 */
public final class Main {

    private static final String LOG_LEVEL = "org.slf4j.simpleLogger.defaultLogLevel";

    private Main() {
    }

    /**
     * Runs {@code checkpointctl} with the given arguments and exits the JVM with its exit code.
     *
     * @param args the command line, for example {@code demo --crash-after 5}
     */
    public static void main(String[] args) {
        // Errors reach the user as one line of our own; the libraries' logs would repeat them.
        // --verbose shows their information too. A -D on the command line wins.
        boolean verbose = List.of(args).contains("-v") || List.of(args).contains("--verbose");
        if (System.getProperty(LOG_LEVEL) == null) {
            System.setProperty(LOG_LEVEL, verbose ? "info" : "error");
        }
        CheckpointCtl ctl = new CheckpointCtl(System.getenv(),
                code -> Runtime.getRuntime().halt(code), Clock.systemUTC(), System.console() != null,
                CheckpointStores::open);
        CommandLine cmd = CheckpointCtl.commandLine(ctl);
        // Ids may hold any character; print them as UTF-8 whatever the platform's default.
        cmd.setOut(new PrintWriter(new OutputStreamWriter(new FileOutputStream(FileDescriptor.out), StandardCharsets.UTF_8), true));
        cmd.setErr(new PrintWriter(new OutputStreamWriter(new FileOutputStream(FileDescriptor.err), StandardCharsets.UTF_8), true));
        int code = cmd.execute(args);
        cmd.getOut().flush();
        cmd.getErr().flush();
        System.exit(code);
    }
}
