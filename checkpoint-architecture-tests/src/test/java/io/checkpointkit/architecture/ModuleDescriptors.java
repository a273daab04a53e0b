package io.checkpointkit.architecture;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.stream.Collectors;

/**
 * The {@code module-info} descriptors of the reactor's modules, read with {@link ModuleFinder} from
 * where their classes are on this module's test class path: {@code …/<module>/target/classes} or
 * {@code <module>-<version>.jar} (see {@link Modules#ofLocation}).
 */
final class ModuleDescriptors {

    /** Every reactor module on the class path, by artifact id; empty for one without a descriptor. */
    static final Map<String, Optional<ModuleDescriptor>> ON_CLASS_PATH = read();

    private ModuleDescriptors() {
    }

    /** The descriptor of a reactor module; empty when it has none (or is not on the class path). */
    static Optional<ModuleDescriptor> of(String module) {
        return ON_CLASS_PATH.getOrDefault(module, Optional.empty());
    }

    /**
     * Whether a package of a module is visible to other modules: exported without qualification by
     * its descriptor, or, for a module without one, any package (everything on the class path is).
     */
    static boolean exports(String module, String packageName) {
        return of(module).map(d -> unqualifiedExports(d).contains(packageName)).orElse(true);
    }

    /** The packages a descriptor exports to every module. */
    static Set<String> unqualifiedExports(ModuleDescriptor descriptor) {
        return descriptor.exports().stream()
                .filter(e -> !e.isQualified())
                .map(ModuleDescriptor.Exports::source)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static Map<String, Optional<ModuleDescriptor>> read() {
        Map<String, Optional<ModuleDescriptor>> found = new TreeMap<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path path = Path.of(entry);
            String module = artifactOf(path);
            if (module.startsWith("checkpoint-")) {
                found.put(module, descriptor(path));
            }
        }
        return found;
    }

    /** The reactor module (artifact id) of a class path entry; {@code <unknown>} for anything else. */
    static String artifactOf(Path path) {
        URI uri = path.toUri();
        return Files.isDirectory(path)
                ? Modules.ofLocation(uri)
                : Modules.ofLocation(URI.create("jar:" + uri + "!/"));
    }

    private static Optional<ModuleDescriptor> descriptor(Path path) {
        if (!hasModuleInfo(path)) {
            return Optional.empty(); // ModuleFinder would make up an automatic module: not a descriptor
        }
        return ModuleFinder.of(path).findAll().stream().findFirst().map(ModuleReference::descriptor);
    }

    private static boolean hasModuleInfo(Path path) {
        if (Files.isDirectory(path)) {
            return Files.exists(path.resolve("module-info.class"));
        }
        try (JarFile jar = new JarFile(path.toFile())) {
            return jar.getEntry("module-info.class") != null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
