package io.checkpointkit.springboot.starter;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs {@link BootApplicationTest#checkTheStoreIsClosed()} once Spring has closed the test's
 * application context. Declared on the test class before {@code @SpringBootTest}, so it is
 * registered before Spring's extension and its after-all callback runs after Spring's (JUnit
 * runs after-callbacks in the reverse order of registration), which is where Spring closes a
 * {@code @DirtiesContext} context.
 */
final class StoreClosedAfterShutdown implements AfterAllCallback {

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        BootApplicationTest.checkTheStoreIsClosed();
    }
}
