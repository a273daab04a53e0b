/**
 * Helpers shared by the modules' tests (test scope for users).
 */
module io.checkpointkit.testsupport {
    requires transitive io.checkpointkit;
    // Optional: TestServers starts containers only when Testcontainers is on the path. Its jar
    // names no module, so the name comes from the file (testcontainers-1.x.jar).
    requires static testcontainers;

    exports io.checkpointkit.testsupport;
}
