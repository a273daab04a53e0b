package io.checkpointkit.cli;

import io.checkpointkit.CheckpointStore;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** What every subcommand has: the top command's shared settings and the output streams. */
abstract class BaseCommand implements Callable<Integer> {

    @ParentCommand
    CheckpointCtl ctl;

    @Spec
    CommandSpec spec;

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }

    /**
     * Opens the store named by {@code --store}, {@code $CHECKPOINT_STORE} or the default, for the
     * commands that read or clean: a missing SQLite file is an error ({@link
     * CheckpointCtl#openExisting}). The backend itself: for the commands that count, trim or
     * sweep and never look inside a state. The caller closes it.
     */
    CheckpointStore openExisting() {
        return ctl.openExisting(ctl.storeUri());
    }

    /**
     * {@link #openExisting()} for the commands that show states: read through {@link StateAtRest},
     * so states come back decompressed, and decrypted with {@code --keys-file} /
     * {@code --keys-env}. The caller closes it.
     */
    CheckpointStore openExistingAtRest() {
        return ctl.openExistingAtRest(ctl.storeUri());
    }

    /** Prints {@code store: <uri>} for the store of {@link #openExisting()}, the password masked. */
    void printStore() {
        printStore(ctl.storeUri());
    }

    /** Prints {@code store: <uri>} with the password masked. */
    void printStore(String uri) {
        out().println("store: " + CheckpointCtl.display(uri));
    }

    /**
     * Prints {@code checkpointctl <command>: <message>} on standard error, as the error handler
     * prints an exception, and returns {@code exitCode}: for the outcomes a command reports
     * without throwing.
     */
    int fail(int exitCode, String message) {
        err().println(spec.qualifiedName() + ": " + message);
        return exitCode;
    }
}
