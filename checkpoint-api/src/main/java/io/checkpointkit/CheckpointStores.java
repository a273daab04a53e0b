package io.checkpointkit;

import io.checkpointkit.spi.StoreUri;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;

/**
 * Opens stores by URI, choosing the {@link CheckpointStoreProvider} on the class path (or
 * module path) by scheme:
 *
 * <pre>{@code
 * try (CheckpointStore store = CheckpointStores.open("sqlite:./checkpoints.db")) { … }
 * }</pre>
 *
 * Schemes of the shipped backends: {@code memory:}, {@code sqlite:},
 * {@code postgresql://}, {@code redis://}, {@code rediss://}, {@code redis-cluster://}.
 */
public final class CheckpointStores {

    private CheckpointStores() {
    }

    /**
     * Opens a store.
     *
     * @param uri the store URI, options as its query string
     * @return the open store; the caller closes it
     * @throws NullPointerException if {@code uri} is null
     * @throws IllegalArgumentException if the URI is malformed, no provider on the class path
     *     takes its scheme (the message lists the schemes that are), or an option is invalid
     * @throws CheckpointStoreUnavailableException if the backend cannot be reached
     */
    public static CheckpointStore open(String uri) {
        return open(uri, Map.of());
    }

    /**
     * Opens a store with options in addition to those of the URI's query string; these win.
     *
     * @param uri the store URI
     * @param options more options, for example a password kept out of the URI
     * @return the open store; the caller closes it
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if the URI is malformed, no provider takes its scheme,
     *     or an option is invalid
     * @throws CheckpointStoreUnavailableException if the backend cannot be reached
     */
    public static CheckpointStore open(String uri, Map<String, String> options) {
        StoreUri parsed = StoreUri.parse(uri, options);
        for (CheckpointStoreProvider provider : providers()) {
            if (provider.schemes().contains(parsed.scheme())) {
                return provider.open(parsed);
            }
        }
        throw new IllegalArgumentException("no CheckpointStore provider for scheme '" + parsed.scheme()
                + "' (in '" + parsed + "'); schemes on the class path: " + schemes()
                + ". Add the backend's module (for example checkpoint-sqlite) as a dependency.");
    }

    /** The schemes of every provider on the class path, sorted. */
    public static Set<String> schemes() {
        Set<String> schemes = new TreeSet<>();
        for (CheckpointStoreProvider provider : providers()) {
            schemes.addAll(provider.schemes());
        }
        return schemes;
    }

    private static List<CheckpointStoreProvider> providers() {
        List<CheckpointStoreProvider> found = new ArrayList<>();
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        ServiceLoader<CheckpointStoreProvider> loader = context == null
                ? ServiceLoader.load(CheckpointStoreProvider.class)
                : ServiceLoader.load(CheckpointStoreProvider.class, context);
        loader.forEach(found::add);
        if (found.isEmpty() && context != CheckpointStores.class.getClassLoader()) {
            ServiceLoader.load(CheckpointStoreProvider.class, CheckpointStores.class.getClassLoader())
                    .forEach(found::add);
        }
        found.forEach(p -> Objects.requireNonNull(p.schemes(), () -> p.getClass() + " returned null schemes"));
        return found;
    }
}
