package io.checkpointkit.cli;

import io.checkpointkit.CheckpointStoreUnavailableException;
import io.checkpointkit.spi.StoreUri;
import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns an exception thrown by a command into one clear line on standard error (the stack trace
 * too with {@code --verbose}) and an exit code. Everything printed goes through
 * {@link StoreUri#redact}, so a password in a URI never reaches the terminal.
 */
final class ErrorHandler implements IExecutionExceptionHandler {

    private final CheckpointCtl ctl;

    ErrorHandler(CheckpointCtl ctl) {
        this.ctl = ctl;
    }

    @Override
    public int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parseResult) {
        PrintWriter err = cmd.getErr();
        err.println(cmd.getCommandSpec().qualifiedName() + ": " + describe(ex));
        if (ctl.verbose()) {
            StringWriter trace = new StringWriter();
            ex.printStackTrace(new PrintWriter(trace));
            err.print(StoreUri.redact(trace.toString()));
        }
        err.flush();
        return exitCode(ex);
    }

    /**
     * Bad usage: picocli's message (passwords masked: a mistyped option can leave a URI as an
     * unmatched argument), a suggestion when picocli has one, and where help is.
     */
    static int handleParameterException(CommandLine.ParameterException ex, String[] args) {
        CommandLine cmd = ex.getCommandLine();
        PrintWriter err = cmd.getErr();
        err.println(StoreUri.redact(ex.getMessage()));
        CommandLine.UnmatchedArgumentException.printSuggestions(ex, err);
        err.println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help' for more information.");
        err.flush();
        return ExitCodes.USAGE;
    }

    /** One line: the message, or the type when there is none; passwords masked. */
    static String describe(Throwable ex) {
        String message = ex.getMessage();
        if (message == null || message.isBlank()) {
            message = ex.getClass().getSimpleName();
        } else if (!(ex instanceof IllegalArgumentException || ex instanceof NotFoundException
                || ex instanceof io.checkpointkit.CheckpointException)) {
            message = ex.getClass().getSimpleName() + ": " + message;
        }
        return StoreUri.redact(message.replace('\n', ' ').replace('\r', ' '));
    }

    /** The exit code for an exception: see {@link ExitCodes}. */
    static int exitCode(Throwable ex) {
        if (ex instanceof CommandLine.ParameterException || ex instanceof IllegalArgumentException) {
            return ExitCodes.USAGE;
        }
        if (ex instanceof NotFoundException) {
            return ExitCodes.NOT_FOUND;
        }
        for (Throwable t = ex; t != null; t = t.getCause()) {
            if (t instanceof CheckpointStoreUnavailableException) {
                return ExitCodes.UNAVAILABLE;
            }
        }
        return ExitCodes.ERROR;
    }
}
