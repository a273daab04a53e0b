package io.checkpointkit.memory.example;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** Keeps the README's demo working: runs it and checks what it prints. */
class QuickStartTest {

    @Test
    void quickStartSavesListsAndTrimsOnTheMemoryStore() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream original = System.out;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            QuickStart.main(new String[0]);
        } finally {
            System.setOut(original);
        }
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("saved 5 checkpoints of demo-run-1 in memory:")
                .contains("latest: node=plan state=PlanState[step=5, done=[step 5]]")
                .contains("newest two: [5, 4]")
                .contains("trim(keepLatest=2) removed 2; left (pinned step 1 kept): [1, 4, 5]")
                .contains("checkpointCount=3");
    }
}
