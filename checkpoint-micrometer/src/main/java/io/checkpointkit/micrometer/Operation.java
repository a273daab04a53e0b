package io.checkpointkit.micrometer;

/** The {@code operation} tag of a store call. */
enum Operation {
    SAVE("save"),
    LOAD("load"),
    LIST("list"),
    QUERY("query"),
    DELETE("delete"),
    CLEAR("clear"),
    CLEAR_IF_IDLE("clear_if_idle"),
    LATEST("latest"),
    TRIM("trim"),
    EXECUTIONS("executions");

    final String tag;

    Operation(String tag) {
        this.tag = tag;
    }
}
