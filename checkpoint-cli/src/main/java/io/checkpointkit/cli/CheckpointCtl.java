package io.checkpointkit.cli;

import io.checkpointkit.CheckpointStore;
import io.checkpointkit.CheckpointStores;
import io.checkpointkit.encryption.KeyProvider;
import io.checkpointkit.spi.StoreUri;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.IntConsumer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * The top command. Holds what every subcommand shares: the store URI (option, environment,
 * default), the keys of an encrypted store, {@code --verbose}, {@code --progress}, the clock, and
 * how to halt the JVM.
 */
@Command(name = "checkpointctl",
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        usageHelpAutoWidth = true,
        description = "Inspect, trim, sweep and migrate CheckpointKit stores; run the demo, the TCK or a"
                + " quick benchmark against a live store.",
        footer = {"%nStore: --store, else $" + CheckpointCtl.STORE_ENV + ", else " + CheckpointCtl.DEFAULT_STORE,
                "Schemes: memory: sqlite: postgresql:// redis:// rediss:// redis-cluster://",
                "Exit codes: 0 ok, 1 a check failed (tck, migrate), 2 bad usage,",
                "  3 store unreachable, 4 not found, 5 other error, 9 demo's simulated crash"},
        subcommands = {
                DemoCommand.class,
                StatsCommand.class,
                ExecutionsCommand.class,
                HistoryCommand.class,
                ShowCommand.class,
                TrimCommand.class,
                SweepCommand.class,
                MigrateCommand.class,
                ReencryptCommand.class,
                TckCommand.class,
                BenchCommand.class,
                CommandLine.HelpCommand.class})
final class CheckpointCtl implements Runnable {

    /** The store used when neither {@code --store} nor {@code CHECKPOINT_STORE} is given. */
    static final String DEFAULT_STORE = "sqlite:./checkpointkit.db";
    /** The environment variable naming the store. */
    static final String STORE_ENV = "CHECKPOINT_STORE";

    @Spec
    CommandSpec spec;

    @Option(names = "--store", scope = ScopeType.INHERIT, paramLabel = "URI",
            description = {"The store URI (default: $" + STORE_ENV + ",", "else " + DEFAULT_STORE + ")."})
    String store;

    @Option(names = "--keys-file", scope = ScopeType.INHERIT, paramLabel = "FILE",
            description = {"Encryption keys of the store: lines <key id>=<Base64 of 32 bytes>, the last",
                    "one encrypts. States are decrypted on read, encrypted on write."})
    Path keysFile;

    @Option(names = "--keys-env", scope = ScopeType.INHERIT, paramLabel = "VAR",
            description = "Like --keys-file, the keys read from this environment variable.")
    String keysEnv;

    @Option(names = {"-v", "--verbose"}, scope = ScopeType.INHERIT,
            description = "Print the stack trace of an error.")
    boolean verbose;

    @Option(names = "--progress", scope = ScopeType.INHERIT,
            description = "Draw progress bars even when standard error is not a terminal.")
    boolean progress;

    private final Map<String, String> env;
    private final IntConsumer halt;
    private final Clock clock;
    private final boolean terminal;
    private final Function<String, CheckpointStore> opener;

    /**
     * @param env the environment (for {@code CHECKPOINT_STORE})
     * @param halt stops the JVM abruptly with the given code, for {@code demo --crash-after}
     * @param clock the time, for idle sweeps
     * @param terminal whether standard error is a terminal (progress bars are drawn then)
     * @param opener opens a store by URI: {@link CheckpointStores#open(String)}
     */
    CheckpointCtl(Map<String, String> env, IntConsumer halt, Clock clock, boolean terminal,
                  Function<String, CheckpointStore> opener) {
        this.env = Map.copyOf(Objects.requireNonNull(env, "env"));
        this.halt = Objects.requireNonNull(halt, "halt");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.terminal = terminal;
        this.opener = Objects.requireNonNull(opener, "opener");
    }

    /** The command line with the error handling and exit codes of {@code checkpointctl}. */
    static CommandLine commandLine(CheckpointCtl ctl) {
        CommandLine cmd = new CommandLine(ctl);
        cmd.setExecutionExceptionHandler(new ErrorHandler(ctl));
        cmd.setParameterExceptionHandler(ErrorHandler::handleParameterException);
        cmd.setExitCodeExceptionMapper(ErrorHandler::exitCode);
        return cmd;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The store URI: {@code --store}, else {@code $CHECKPOINT_STORE}, else the default. */
    String storeUri() {
        if (store != null && !store.isBlank()) {
            return store;
        }
        String fromEnv = env.get(STORE_ENV);
        return fromEnv != null && !fromEnv.isBlank() ? fromEnv : DEFAULT_STORE;
    }

    /** {@code given} when a command was given a store URI of its own, else {@link #storeUri()}. */
    String storeUri(String given) {
        return given != null ? given : storeUri();
    }

    /** Opens the store named by {@link #storeUri()}; the caller closes it. */
    CheckpointStore openStore() {
        return openStore(storeUri());
    }

    /**
     * Opens a store that should already hold data, for the commands that read or clean: a
     * {@code sqlite:} file that does not exist is an error rather than a new, empty database
     * (a typo in the path would otherwise report "0 executions").
     *
     * @throws NotFoundException if the URI names a SQLite file or directory that does not exist
     */
    CheckpointStore openExisting(String uri) {
        StoreUri parsed = StoreUri.parse(uri, Map.of());
        if (parsed.scheme().equals("sqlite") && !parsed.path().isEmpty()
                && !Files.exists(Path.of(parsed.path()))) {
            throw new NotFoundException("no SQLite database at " + parsed.path() + " (store " + display(uri)
                    + "); check --store or $" + STORE_ENV);
        }
        return openStore(uri);
    }

    /**
     * The keys of {@code --keys-file} or {@code --keys-env}; empty when neither is given.
     *
     * @throws IllegalArgumentException if both are given, or the keys are missing or malformed
     */
    Optional<KeyProvider> keys() {
        return StateAtRest.keys(keysFile, keysEnv, env, "--keys-file", "--keys-env");
    }

    /**
     * {@link #openExisting(String)}, read through the decorators of {@link StateAtRest}: compressed
     * states decompressed, and with {@link #keys()} encrypted ones decrypted (and writes encrypted).
     * The keys are checked before the store is opened.
     */
    CheckpointStore openExistingAtRest(String uri) {
        Optional<KeyProvider> keys = keys();
        return StateAtRest.wrap(openExisting(uri), keys, false);
    }

    /** Opens the store at a URI, creating it if the backend does; the caller closes it. */
    CheckpointStore openStore(String uri) {
        return opener.apply(uri);
    }

    /** The URI as it may be printed: the password masked. */
    static String display(String uri) {
        return StoreUri.redact(uri);
    }

    boolean verbose() {
        return verbose;
    }

    Clock clock() {
        return clock;
    }

    /** The environment the command line was started with (for variables naming keys). */
    Map<String, String> env() {
        return env;
    }

    /** Stops the JVM at once, without shutdown hooks, as a crash would. */
    void halt(int code) {
        halt.accept(code);
    }

    /** A progress bar on standard error; it draws only on a terminal or with --progress. */
    Progress progress(PrintWriter err, String label, long total) {
        return new Progress(err, label, total, terminal || progress, System::nanoTime);
    }
}
