package io.checkpointkit.micrometer;

/** The {@code operation} tag of a store call. */
enum Operation {
    SAVE("save"),
    LOAD("load"),
    LIST("list"),
    QUERY("query"),
    DELETE("delete"),
    CLEAR("clear"),
    LATEST("latest"),
    TRIM("trim"),
    EXECUTIONS("executions");

    final String tag;

    Operation(String tag) {
        this.tag = tag;
    }
}
