/**
 * Helpers shared by the modules' tests (test scope for users).
 */
module io.checkpointkit.testsupport {
    requires transitive io.checkpointkit;
    // Optional: TestServers starts containers only when Testcontainers is on the path. Its jar
    // names no module, so the name comes from the file (testcontainers-1.x.jar).
    requires static testcontainers;
    // Optional: TestData.deleteRedisKeys uses Lettuce (a module that calls it has it); dropPostgresTables uses JDBC.
    requires static transitive lettuce.core;
    requires transitive java.sql; // TestData.dropPostgresTables throws SQLException

    exports io.checkpointkit.testsupport;
}
