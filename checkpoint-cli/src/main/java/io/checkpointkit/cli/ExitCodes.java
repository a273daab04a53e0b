package io.checkpointkit.cli;

/** The exit codes of {@code checkpointctl}; the README lists them too. */
final class ExitCodes {

    /** The command did what was asked. */
    static final int OK = 0;
    /** A check failed: a TCK test, or the verification at the end of a migration. */
    static final int CHECK_FAILED = 1;
    /** Bad usage: an unknown option, a missing argument, a malformed URI or duration. */
    static final int USAGE = 2;
    /** The store cannot be reached or timed out. */
    static final int UNAVAILABLE = 3;
    /** The checkpoint or execution asked for does not exist. */
    static final int NOT_FOUND = 4;
    /** Any other error: corrupted data, an operation the backend does not support, a bug. */
    static final int ERROR = 5;
    /** {@code demo --crash-after N} stopped the JVM abruptly, as a crash would. */
    static final int SIMULATED_CRASH = 9;

    private ExitCodes() {
    }
}
