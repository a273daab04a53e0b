package io.checkpointkit.cli;

/** What the user named does not exist; exit code {@link ExitCodes#NOT_FOUND}. */
final class NotFoundException extends RuntimeException {

    NotFoundException(String message) {
        super(message);
    }
}
