/**
 * {@link io.checkpointkit.langgraph4j.CheckpointKitSaver}: LangGraph4j's checkpoint saver over any
 * {@link io.checkpointkit.CheckpointStore}.
 *
 * <p>langgraph4j-core has neither a module descriptor nor an {@code Automatic-Module-Name}; its
 * module name, {@code langgraph4j.core}, is derived from the jar's file name and may change if
 * LangGraph4j names its module (see this module's README).
 */
module io.checkpointkit.langgraph4j {
    requires transitive io.checkpointkit;
    // CheckpointKitSaver implements BaseCheckpointSaver and takes a StateSerializer.
    requires transitive langgraph4j.core;

    exports io.checkpointkit.langgraph4j;
}
