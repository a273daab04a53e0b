/**
 * {@link io.checkpointkit.langchain4j.CheckpointKitAgenticScopeStore}: LangChain4j's agentic
 * scope store over any {@link io.checkpointkit.CheckpointStore}.
 *
 * <p>langchain4j-agentic, langchain4j and langchain4j-core have neither a module descriptor nor
 * an {@code Automatic-Module-Name}; their module names ({@code langchain4j.agentic},
 * {@code langchain4j}, {@code langchain4j.core}) are derived from the jars' file names and may
 * change if LangChain4j names its modules (see this module's README).
 */
module io.checkpointkit.langchain4j {
    requires transitive io.checkpointkit;
    // CheckpointKitAgenticScopeStore implements AgenticScopeStore and takes AgenticScopeKeys.
    requires transitive langchain4j.agentic;

    exports io.checkpointkit.langchain4j;
}
