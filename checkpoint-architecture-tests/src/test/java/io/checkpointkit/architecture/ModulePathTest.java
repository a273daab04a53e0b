package io.checkpointkit.architecture;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.lang.module.Configuration;
import java.lang.module.ModuleFinder;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The published jars used as modules, as a user on the module path uses them: a {@link ModuleLayer}
 * of the api, the memory and SQLite backends and their libraries (nothing from the class path), in
 * which {@code CheckpointStores.open} finds the backends through {@code provides}, Jackson works
 * through the api's {@code requires transitive}, and the internals stay out of reach.
 */
class ModulePathTest {

    /** The jars of the layer: reactor modules by artifact id, libraries by file-name prefix. */
    private static final List<String> REACTOR_MODULES = List.of(Modules.API, "checkpoint-memory", "checkpoint-sqlite");
    private static final List<String> LIBRARIES = List.of(
            "jackson-databind-", "jackson-core-", "jackson-annotations-", "slf4j-api-", "sqlite-jdbc-");

    @Test
    void storesOpenByUriAndCodecsWorkOnTheModulePath(@TempDir Path dir) throws Exception {
        ModuleLayer layer = layer();
        ClassLoader loader = layer.findLoader("io.checkpointkit");

        Object memory = inLayer(loader, () -> open(loader, "memory:"));
        assertThat(memory.getClass().getModule().getName()).isEqualTo("io.checkpointkit.memory");
        assertThat(roundTrip(loader, memory)).isEqualTo(new byte[] {1, 2, 3});

        Object sqlite = inLayer(loader, () -> open(loader, "sqlite:" + dir.resolve("checkpoints.db")));
        assertThat(sqlite.getClass().getModule().getName()).isEqualTo("io.checkpointkit.sqlite");
        assertThat(roundTrip(loader, sqlite)).isEqualTo(new byte[] {1, 2, 3});

        Object codec = call(loader.loadClass("io.checkpointkit.JsonStateCodec"), null, "of", Map.class);
        byte[] json = (byte[]) call(codec.getClass(), codec, "encode", Map.of("step", 7));
        assertThat(call(codec.getClass(), codec, "decode", (Object) json)).isEqualTo(Map.of("step", 7));
    }

    @Test
    void internalsAreNotExportedOnTheModulePath() throws Exception {
        ModuleLayer layer = layer();
        Module api = layer.findModule("io.checkpointkit").orElseThrow();
        Module sqlite = layer.findModule("io.checkpointkit.sqlite").orElseThrow();
        assertThat(api.getPackages()).contains("io.checkpointkit.internal");
        assertThat(api.isExported("io.checkpointkit.internal")).isFalse();
        assertThat(sqlite.isExported("io.checkpointkit.sqlite.internal")).isFalse();
        assertThat(sqlite.isExported("io.checkpointkit.sqlite")).isTrue();

        Class<?> uuid = layer.findLoader("io.checkpointkit").loadClass("io.checkpointkit.internal.UuidV7");
        Method anyPublicStatic = Arrays.stream(uuid.getMethods())
                .filter(m -> m.getDeclaringClass() == uuid && Modifier.isStatic(m.getModifiers()))
                .findFirst().orElseThrow();
        assertThatThrownBy(() -> anyPublicStatic.invoke(null, new Object[anyPublicStatic.getParameterCount()]))
                .isInstanceOf(IllegalAccessException.class);
    }

    private static ModuleLayer layer() {
        List<String> classPath = List.of(System.getProperty("java.class.path").split(File.pathSeparator));
        List<Path> jars = classPath.stream().map(Path::of)
                .filter(p -> REACTOR_MODULES.contains(ModuleDescriptors.artifactOf(p))
                        || LIBRARIES.stream().anyMatch(prefix -> p.getFileName().toString().startsWith(prefix)))
                .collect(Collectors.toList());
        assertThat(jars).as("module path from %s", classPath).hasSize(REACTOR_MODULES.size() + LIBRARIES.size());
        ModuleLayer boot = ModuleLayer.boot();
        Configuration configuration = boot.configuration().resolveAndBind(
                ModuleFinder.of(jars.toArray(Path[]::new)), ModuleFinder.of(), Set.of("io.checkpointkit"));
        return boot.defineModulesWithOneLoader(configuration, ClassLoader.getPlatformClassLoader());
    }

    /** Runs with the layer's loader as the context loader, as in an application on the module path. */
    private static <T> T inLayer(ClassLoader loader, Callable<T> call) throws Exception {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            return call.call();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    private static Object open(ClassLoader loader, String uri) throws Exception {
        return call(loader.loadClass("io.checkpointkit.CheckpointStores"), null, "open", uri);
    }

    /** Saves a checkpoint with state 1, 2, 3 and returns the state it loads back; closes the store. */
    private static byte[] roundTrip(ClassLoader loader, Object store) throws Exception {
        Class<?> checkpoints = loader.loadClass("io.checkpointkit.Checkpoint");
        Class<?> stores = loader.loadClass("io.checkpointkit.CheckpointStore");
        Object builder = call(checkpoints, null, "builder", "exec-1");
        builder = call(builder.getClass(), builder, "state", (Object) new byte[] {1, 2, 3});
        Object checkpoint = call(builder.getClass(), builder, "build");
        try {
            Object saved = call(stores, store, "save", checkpoint);
            Object id = call(checkpoints, saved, "id");
            Optional<?> loaded = (Optional<?>) call(stores, store, "load", id);
            return (byte[]) call(checkpoints, loaded.orElseThrow(), "state");
        } finally {
            call(stores, store, "close");
        }
    }

    /** Calls the public method of {@code type} with that name whose parameters accept {@code args}. */
    private static Object call(Class<?> type, Object target, String name, Object... args) throws Exception {
        for (Method method : type.getMethods()) {
            if (method.getName().equals(name) && accepts(method.getParameterTypes(), args)) {
                try {
                    return method.invoke(target, args);
                } catch (InvocationTargetException e) {
                    throw e.getCause() instanceof Exception ? (Exception) e.getCause() : e;
                }
            }
        }
        throw new NoSuchMethodException(type.getName() + "." + name + Arrays.toString(args));
    }

    private static boolean accepts(Class<?>[] parameters, Object[] args) {
        if (parameters.length != args.length) {
            return false;
        }
        for (int i = 0; i < args.length; i++) {
            if (args[i] != null && !parameters[i].isInstance(args[i])) {
                return false;
            }
        }
        return true;
    }
}
