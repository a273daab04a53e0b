package io.checkpointkit.cli;

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

    /** Prints {@code store  <uri>} with the password masked. */
    void printStore(String uri) {
        out().println("store: " + CheckpointCtl.display(uri));
    }
}
