package io.checkpointkit.langgraph4j;

/** What {@link CheckpointKitSaver#release} does with the thread it releases. */
public enum ReleaseMode {
    /** Delete every checkpoint of the thread, as LangGraph4j's {@code MemorySaver} does (the default). */
    CLEAR,
    /**
     * Keep the thread's history and mark its latest checkpoint released (metadata
     * {@value CheckpointKitSaver#RELEASED_KEY} = the release time), for audit or later inspection.
     */
    KEEP_AND_MARK
}
