/**
 * Helpers shared by the modules' tests (test scope for users).
 */
module io.checkpointkit.testsupport {
    requires transitive io.checkpointkit;

    exports io.checkpointkit.testsupport;
}
