package io.checkpointkit.cli;

import picocli.CommandLine.Parameters;

/**
 * The optional {@code [URI]} argument of the commands that check a live store ({@code tck},
 * {@code bench}), as a picocli mixin: without it they use the store every command uses.
 */
final class StoreArgument {

    /** Where the store comes from when a command is not given one, for option descriptions. */
    static final String DEFAULT = "the --store option, $" + CheckpointCtl.STORE_ENV + ", or "
            + CheckpointCtl.DEFAULT_STORE;

    @Parameters(index = "0", arity = "0..1", paramLabel = "URI", description = "The store; default: " + DEFAULT + ".")
    String uri;

    /** The URI given, else {@link CheckpointCtl#storeUri()}. */
    String resolve(CheckpointCtl ctl) {
        return ctl.storeUri(uri);
    }
}
