package io.checkpointkit.springboot.autoconfigure;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * A {@code checkpointkit.*} property has a value the auto-configuration cannot use: an unknown
 * URI scheme, a backend option the backend rejects, a decorator setting out of range. Thrown
 * while the context starts, before any connection is opened; {@link CheckpointKitFailureAnalyzer}
 * turns it into Boot's start-up report. The message names the property and never contains a
 * password.
 */
public final class InvalidCheckpointKitPropertyException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String property;

    /**
     * @param property the full name of the property, for example {@code checkpointkit.store.uri}
     * @param reason why its value cannot be used; must not contain a password
     * @param cause the exception of the library that rejected it, or null
     */
    public InvalidCheckpointKitPropertyException(String property, String reason, Throwable cause) {
        super("invalid " + Objects.requireNonNull(property, "property must not be null") + ": " + reason, cause);
        this.property = property;
    }

    /** The full name of the property, for example {@code checkpointkit.store.uri}. */
    public String property() {
        return property;
    }

    /**
     * Runs a setter of a library builder and reports an {@link IllegalArgumentException} it
     * throws as a bad value of {@code property}.
     */
    static void check(String property, Runnable setter) {
        try {
            setter.run();
        } catch (IllegalArgumentException e) {
            throw new InvalidCheckpointKitPropertyException(property, e.getMessage(), e);
        }
    }

    /**
     * Runs the {@code build()} of a library builder and reports an {@link IllegalArgumentException}
     * it throws (a rule across settings) as a bad value of the group, {@code prefix*}.
     */
    static <T> T build(String prefix, Supplier<T> build) {
        try {
            return build.get();
        } catch (IllegalArgumentException e) {
            throw new InvalidCheckpointKitPropertyException(prefix + "*", e.getMessage(), e);
        }
    }
}
