/**
 * The compatibility test kit: extend {@link io.checkpointkit.tck.CheckpointStoreTck}, or run it
 * programmatically with {@link io.checkpointkit.tck.Tck#run}.
 *
 * <p>The package is opened to JUnit, which instantiates the kit's package-private nested test
 * classes and calls their test methods by reflection.
 */
module io.checkpointkit.tck {
    requires transitive io.checkpointkit;
    // Users extend CheckpointStoreTck and write their own JUnit Jupiter tests beside it.
    requires transitive org.junit.jupiter.api;
    requires org.junit.platform.launcher;
    requires org.assertj.core;

    exports io.checkpointkit.tck;
    opens io.checkpointkit.tck to org.junit.platform.commons;
}
