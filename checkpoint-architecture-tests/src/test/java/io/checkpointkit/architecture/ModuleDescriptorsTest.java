package io.checkpointkit.architecture;

import org.junit.jupiter.api.Test;

import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleDescriptor.Provides;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code module-info} of every published module, as the JVM reads it ({@link ModuleDescriptors}):
 * its name, exactly the packages it may export, and for backends the provider it declares.
 */
class ModuleDescriptorsTest {

    static final String PROVIDER = "io.checkpointkit.CheckpointStoreProvider";

    /** Published module → the packages it exports (nothing else: no internals, no test helpers). */
    static final Map<String, Set<String>> EXPORTS = Map.ofEntries(
            entry(Modules.API, Set.of("io.checkpointkit", "io.checkpointkit.decorators",
                    "io.checkpointkit.retention", "io.checkpointkit.spi")),
            entry("checkpoint-memory", Set.of("io.checkpointkit.memory")),
            entry("checkpoint-sqlite", Set.of("io.checkpointkit.sqlite")),
            entry("checkpoint-postgres", Set.of("io.checkpointkit.postgres")),
            entry("checkpoint-redis", Set.of("io.checkpointkit.redis")),
            entry("checkpoint-preloader", Set.of("io.checkpointkit.preloader")),
            entry("checkpoint-compression", Set.of("io.checkpointkit.compression")),
            entry("checkpoint-encryption", Set.of("io.checkpointkit.encryption")),
            entry("checkpoint-micrometer", Set.of("io.checkpointkit.micrometer")),
            entry("checkpoint-langgraph4j", Set.of("io.checkpointkit.langgraph4j")),
            entry("checkpoint-langchain4j", Set.of("io.checkpointkit.langchain4j")),
            entry("checkpoint-koog", Set.of("io.checkpointkit.koog")),
            entry(Modules.TCK, Set.of("io.checkpointkit.tck")),
            entry("checkpoint-test-support", Set.of("io.checkpointkit.testsupport")),
            entry("checkpoint-cli", Set.of()));

    /** Backend → its provider, declared with {@code provides}. */
    static final Map<String, String> PROVIDERS = Map.of(
            "checkpoint-memory", "io.checkpointkit.memory.MemoryCheckpointStoreProvider",
            "checkpoint-sqlite", "io.checkpointkit.sqlite.SqliteCheckpointStoreProvider",
            "checkpoint-postgres", "io.checkpointkit.postgres.PostgresCheckpointStoreProvider",
            "checkpoint-redis", "io.checkpointkit.redis.RedisCheckpointStoreProvider");

    @Test
    void everyPublishedModuleHasADescriptorNamedAfterItsRootPackage() {
        assertThat(ModuleDescriptors.ON_CLASS_PATH.keySet()).containsAll(EXPORTS.keySet());
        for (String module : EXPORTS.keySet()) {
            ModuleDescriptor descriptor = ModuleDescriptors.of(module).orElseThrow(
                    () -> new AssertionError(module + " has no module-info.class"));
            assertThat(descriptor.isAutomatic()).as(module).isFalse();
            assertThat(descriptor.isOpen()).as("%s is an open module", module).isFalse();
            assertThat(descriptor.name()).as(module).isEqualTo(moduleName(module));
        }
    }

    /**
     * Published modules without a descriptor, and the name their jar gives itself in
     * {@code Automatic-Module-Name}: their root package. Only for a module that cannot have one:
     * the Spring Boot auto-configuration runs on the class path, is read by reflection, and one jar
     * serves Boot 3 and Boot 4, whose module names differ (see its README).
     */
    static final Map<String, String> AUTOMATIC = Map.of(
            "checkpoint-spring-boot-autoconfigure", "io.checkpointkit.springboot.autoconfigure");

    @Test
    void aModuleWithoutDescriptorNamesItselfAfterItsRootPackage() throws Exception {
        assertThat(ModuleDescriptors.ON_CLASS_PATH.keySet()).containsAll(AUTOMATIC.keySet());
        for (Map.Entry<String, String> module : AUTOMATIC.entrySet()) {
            assertThat(ModuleDescriptors.of(module.getKey())).as("%s has a module-info", module.getKey()).isEmpty();
            assertThat(Files.readString(Path.of("..", module.getKey(), "pom.xml")))
                    .as("Automatic-Module-Name of %s", module.getKey())
                    .contains("<Automatic-Module-Name>" + module.getValue() + "</Automatic-Module-Name>");
            Path sources = Path.of("..", module.getKey(), "src", "main", "java");
            try (var files = Files.walk(sources)) {
                assertThat(files.filter(f -> f.toString().endsWith(".java"))
                        .map(f -> sources.relativize(f.getParent()).toString().replace(java.io.File.separatorChar, '.'))
                        .distinct())
                        .as("packages of %s", module.getKey())
                        .allMatch(pkg -> pkg.equals(module.getValue()) || pkg.startsWith(module.getValue() + "."));
            }
            Path packageInfo = sources.resolve(module.getValue().replace('.', '/')).resolve("package-info.java");
            assertThat(Files.readString(packageInfo)).as("%s", packageInfo).contains("/**");
        }
    }

    @Test
    void everyPublishedModuleExportsExactlyItsPublicPackages() {
        for (Map.Entry<String, Set<String>> expected : EXPORTS.entrySet()) {
            ModuleDescriptor descriptor = ModuleDescriptors.of(expected.getKey()).orElseThrow();
            assertThat(descriptor.exports()).as("qualified exports of %s", expected.getKey())
                    .noneMatch(ModuleDescriptor.Exports::isQualified);
            assertThat(ModuleDescriptors.unqualifiedExports(descriptor)).as("exports of %s", expected.getKey())
                    .containsExactlyInAnyOrderElementsOf(expected.getValue())
                    .noneMatch(pkg -> pkg.endsWith(".internal") || pkg.contains(".internal."));
        }
        // The internals exist, so "not exported" above is a decision, not an accident.
        assertThat(ModuleDescriptors.of(Modules.API).orElseThrow().packages()).contains("io.checkpointkit.internal");
        assertThat(ModuleDescriptors.of("checkpoint-sqlite").orElseThrow().packages())
                .contains("io.checkpointkit.sqlite.internal");
    }

    @Test
    void backendsProvideTheirProviderAndTheApiUsesIt() {
        assertThat(ModuleDescriptors.of(Modules.API).orElseThrow().uses()).containsExactly(PROVIDER);
        for (String module : EXPORTS.keySet()) {
            Set<Provides> provides = ModuleDescriptors.of(module).orElseThrow().provides();
            if (PROVIDERS.containsKey(module)) {
                assertThat(provides).as("provides of %s", module).singleElement().satisfies(p -> {
                    assertThat(p.service()).isEqualTo(PROVIDER);
                    assertThat(p.providers()).containsExactly(PROVIDERS.get(module));
                });
            } else {
                assertThat(provides).as("provides of %s (not a backend)", module).isEmpty();
            }
        }
    }

    @Test
    void everyExportedPackageHasAPackageInfoWithItsJavadoc() throws Exception {
        Set<String> missing = new TreeSet<>();
        for (Map.Entry<String, Set<String>> module : EXPORTS.entrySet()) {
            for (String pkg : module.getValue()) {
                Path file = Path.of("..", module.getKey(), "src", "main", "java")
                        .resolve(pkg.replace('.', '/')).resolve("package-info.java");
                if (!Files.exists(file) || !Files.readString(file).contains("/**")) {
                    missing.add(file.normalize().toString());
                }
            }
        }
        assertThat(missing).as("package-info.java with a package javadoc").isEmpty();
    }

    /** {@code checkpoint-api} → {@code io.checkpointkit}, {@code checkpoint-test-support} → {@code io.checkpointkit.testsupport}. */
    static String moduleName(String artifactId) {
        String rest = artifactId.substring("checkpoint-".length()).replace("-", "");
        return Modules.API.equals(artifactId) ? "io.checkpointkit" : "io.checkpointkit." + rest;
    }
}
