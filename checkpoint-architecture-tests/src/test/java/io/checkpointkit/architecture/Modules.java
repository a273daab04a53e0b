package io.checkpointkit.architecture;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.Source;

import java.net.URI;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which reactor module a class belongs to, found from where its class file was loaded, and the
 * dependencies DESIGN.md allows between modules.
 *
 * <p>A class file comes from {@code …/<module>/target/classes/…} (an IDE, or a reactor build that
 * stops before {@code package}), from {@code …/<module>/target/<module>-<version>.jar} (a reactor
 * build that packages) or from {@code ~/.m2/…/<module>/<version>/<module>-<version>.jar} (this
 * module built alone). No package names are listed here, so a new module is covered as soon as
 * it is a dependency of this one: it gets the role {@link Role#LIBRARY} unless it is named below.
 */
final class Modules {

    static final String API = "checkpoint-api";
    static final String TCK = "checkpoint-tck";
    static final Set<String> BACKENDS =
            Set.of("checkpoint-memory", "checkpoint-sqlite", "checkpoint-postgres", "checkpoint-redis");
    static final Set<String> DECORATORS =
            Set.of("checkpoint-preloader", "checkpoint-micrometer", "checkpoint-compression",
                    "checkpoint-encryption");
    static final Set<String> APPLICATIONS = Set.of("checkpoint-cli", "checkpoint-benchmarks");
    /** Framework auto-configuration: wires whichever backends and decorators the user has. */
    static final Set<String> WIRING = Set.of("checkpoint-spring-boot-autoconfigure");

    /** What a module is, which decides what it may depend on. */
    enum Role {
        /** {@code checkpoint-api}: depends on no other module. */
        API,
        /** A storage backend: the api and itself only, never another backend. */
        BACKEND,
        /** A decorator module: the SPI, and other decorators' public types (for their statistics). */
        DECORATOR,
        /** The TCK, and any module not named here: the api and itself only. */
        LIBRARY,
        /** {@code checkpoint-cli}, {@code checkpoint-benchmarks}: anything but each other. */
        APPLICATION,
        /**
         * {@code checkpoint-spring-boot-autoconfigure}: the api, and the backends and decorators it
         * wires when the user has them (optional dependencies, the user picks the backend by URI);
         * not the CLI or the benchmarks. Nothing but its starter depends on it.
         */
        WIRING
    }

    private static final String UNKNOWN = "<unknown>";
    private static final Pattern CLASSES_DIRECTORY = Pattern.compile(".*/([^/]+)/target/classes/.*");
    private static final Pattern VERSIONED_JAR = Pattern.compile("(.+?)-\\d[^/]*\\.jar");

    private Modules() {
    }

    /** The module a class was loaded from, for example {@code checkpoint-api}; {@code <unknown>} if none. */
    static String of(JavaClass javaClass) {
        return javaClass.getSource().map(Source::getUri).map(Modules::ofLocation).orElse(UNKNOWN);
    }

    /** The module of a class file location; visible for the sanity tests. */
    static String ofLocation(URI uri) {
        String location = uri.toString();
        if (location.startsWith("jar:")) {
            int bang = location.indexOf("!/");
            String jar = bang < 0 ? location : location.substring(0, bang);
            String fileName = jar.substring(jar.lastIndexOf('/') + 1);
            Matcher m = VERSIONED_JAR.matcher(fileName);
            return m.matches() ? m.group(1) : UNKNOWN;
        }
        Matcher m = CLASSES_DIRECTORY.matcher(location);
        return m.matches() ? m.group(1) : UNKNOWN;
    }

    static boolean known(String module) {
        return !UNKNOWN.equals(module);
    }

    static Role roleOf(String module) {
        if (API.equals(module)) {
            return Role.API;
        }
        if (BACKENDS.contains(module)) {
            return Role.BACKEND;
        }
        if (DECORATORS.contains(module)) {
            return Role.DECORATOR;
        }
        if (APPLICATIONS.contains(module)) {
            return Role.APPLICATION;
        }
        if (WIRING.contains(module)) {
            return Role.WIRING;
        }
        return Role.LIBRARY;
    }

    /** Whether code of module {@code from} may use code of module {@code to}. */
    static boolean mayDependOn(String from, String to) {
        if (from.equals(to)) {
            return true;
        }
        if (APPLICATIONS.contains(to)) {
            return false; // nothing depends on the CLI or the benchmarks
        }
        switch (roleOf(from)) {
            case API:
                return false;
            case DECORATOR:
                return API.equals(to) || DECORATORS.contains(to);
            case APPLICATION:
            case WIRING:
                return true;
            default:
                return API.equals(to);
        }
    }
}
