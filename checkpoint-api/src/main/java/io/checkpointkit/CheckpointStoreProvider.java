package io.checkpointkit;

import io.checkpointkit.spi.StoreUri;
import java.util.Set;

/**
 * Opens stores for URI schemes; found by {@link java.util.ServiceLoader} through
 * {@code META-INF/services/io.checkpointkit.CheckpointStoreProvider} (or {@code provides} in a
 * {@code module-info}). {@link CheckpointStores#open(String)} picks the provider by scheme.
 *
 * <p>Implementations need a public no-argument constructor and must be thread-safe.
 */
public interface CheckpointStoreProvider {

    /**
     * The URI schemes this provider opens, lower case, without the colon: for example
     * {@code sqlite} or {@code redis} and {@code rediss}.
     */
    Set<String> schemes();

    /**
     * Opens a store.
     *
     * @param uri the parsed URI; its scheme is one of {@link #schemes()}
     * @return a new open store, owned by the caller, who closes it
     * @throws IllegalArgumentException if the URI or an option is invalid; the message names
     *     the option and masks passwords
     * @throws CheckpointStoreUnavailableException if the backend cannot be reached
     */
    CheckpointStore open(StoreUri uri);
}
