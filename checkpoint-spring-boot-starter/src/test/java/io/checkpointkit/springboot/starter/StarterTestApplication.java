package io.checkpointkit.springboot.starter;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The application under test: nothing of its own, as a user's application that adds the starter,
 * {@code spring-boot-starter-web} and {@code spring-boot-starter-actuator} and sets
 * {@code checkpointkit.store.uri}.
 */
@SpringBootApplication
class StarterTestApplication {
}
