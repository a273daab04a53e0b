package io.checkpointkit.architecture;

import org.junit.jupiter.api.Test;

import java.net.URI;

import static org.assertj.core.api.Assertions.assertThat;

/** How {@link Modules} names a class's module and which dependencies it allows. */
class ModulesTest {

    @Test
    void moduleIsReadFromEveryKindOfClassFileLocation() {
        assertThat(Modules.ofLocation(URI.create("file:/w/checkpoint-sqlite/target/classes/io/checkpointkit/sqlite/A.class")))
                .isEqualTo("checkpoint-sqlite");
        assertThat(Modules.ofLocation(URI.create(
                "jar:file:/w/checkpoint-redis/target/checkpoint-redis-0.1.0-SNAPSHOT.jar!/io/checkpointkit/redis/A.class")))
                .isEqualTo("checkpoint-redis");
        assertThat(Modules.ofLocation(URI.create("jar:file:/root/.m2/repository/io/checkpointkit/checkpoint-new-thing/1.2.3/"
                + "checkpoint-new-thing-1.2.3.jar!/io/checkpointkit/x/A.class"))).isEqualTo("checkpoint-new-thing");
        assertThat(Modules.known(Modules.ofLocation(URI.create("file:/tmp/elsewhere/A.class")))).isFalse();
    }

    @Test
    void theRolesMatchDesign() {
        assertThat(Modules.mayDependOn("checkpoint-api", "checkpoint-memory")).isFalse();
        assertThat(Modules.mayDependOn("checkpoint-sqlite", "checkpoint-api")).isTrue();
        assertThat(Modules.mayDependOn("checkpoint-sqlite", "checkpoint-memory")).isFalse();
        assertThat(Modules.mayDependOn("checkpoint-preloader", "checkpoint-redis")).isFalse();
        assertThat(Modules.mayDependOn("checkpoint-micrometer", "checkpoint-preloader")).isTrue();
        assertThat(Modules.mayDependOn("checkpoint-tck", "checkpoint-memory")).isFalse();
        assertThat(Modules.mayDependOn("checkpoint-cli", "checkpoint-postgres")).isTrue();
        assertThat(Modules.mayDependOn("checkpoint-cli", "checkpoint-benchmarks")).isFalse();
        assertThat(Modules.mayDependOn("checkpoint-benchmarks", "checkpoint-cli")).isFalse();
        assertThat(Modules.mayDependOn("checkpoint-new-thing", "checkpoint-api")).isTrue();
        assertThat(Modules.mayDependOn("checkpoint-new-thing", "checkpoint-memory")).isFalse();
        // An integration (checkpoint-langgraph4j) uses the api and its framework, never a backend.
        assertThat(Modules.mayDependOn("checkpoint-langgraph4j", "checkpoint-api")).isTrue();
        assertThat(Modules.mayDependOn("checkpoint-langgraph4j", "checkpoint-sqlite")).isFalse();
        assertThat(Modules.mayDependOn("checkpoint-langchain4j", "checkpoint-api")).isTrue();
        assertThat(Modules.mayDependOn("checkpoint-langchain4j", "checkpoint-redis")).isFalse();
        assertThat(Modules.mayDependOn("checkpoint-koog", "checkpoint-api")).isTrue();
        assertThat(Modules.mayDependOn("checkpoint-koog", "checkpoint-redis")).isFalse();
        // The Spring Boot auto-configuration wires the backends and decorators the user has.
        assertThat(Modules.mayDependOn("checkpoint-spring-boot-autoconfigure", "checkpoint-postgres")).isTrue();
        assertThat(Modules.mayDependOn("checkpoint-spring-boot-autoconfigure", "checkpoint-micrometer")).isTrue();
        assertThat(Modules.mayDependOn("checkpoint-spring-boot-autoconfigure", "checkpoint-cli")).isFalse();
        assertThat(Modules.mayDependOn("checkpoint-langgraph4j", "checkpoint-spring-boot-autoconfigure")).isFalse();
        assertThat(Modules.mayDependOn("checkpoint-redis", "checkpoint-spring-boot-autoconfigure")).isFalse();
    }
}
