package io.checkpointkit.postgres;

import io.checkpointkit.Checkpoint;
import io.checkpointkit.CheckpointStore;
import io.checkpointkit.CheckpointStores;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Out-of-range durations are rejected before a pool exists; passwords are never printed. */
class PasswordsAndDurationsTest {

    private final String schema = TestDatabase.freshSchema("durations");

    @AfterEach
    void dropSchema() {
        TestDatabase.dropSchema(schema);
    }

    @Test
    void aTimeoutTheDriverCannotTakeIsRejectedNamingTheOptionBeforeAnyPool() {
        for (String option : List.of("timeout", "connectTimeout", "statementTimeout")) {
            for (String value : List.of("25d", "1000000d", "9223372036854775807d")) {
                String uri = TestDatabase.withOptions("schema=" + schema + "&" + option + "=" + value);
                Set<Thread> before = poolThreads();

                assertThatThrownBy(() -> CheckpointStores.open(uri).close())
                        .as(uri).isInstanceOf(IllegalArgumentException.class)
                        .hasMessageContaining(option + " must be")
                        .hasMessageMatching(".*(and 24d, was|at most 24d, was).*");

                Set<Thread> started = poolThreads();
                started.removeAll(before);
                assertThat(started).as("pool threads started by rejected %s", uri).isEmpty();
            }
        }
    }

    @Test
    void theLongestTimeoutsWorkAgainstTheServer() {
        // 25 days and more used to fail every connection ("timeout can't be negative").
        String uri = TestDatabase.withOptions("schema=" + schema + "&timeout=24d&connectTimeout=24d&statementTimeout=24d");
        try (CheckpointStore store = CheckpointStores.open(uri)) {
            Checkpoint saved = store.save(Checkpoint.builder("exec").id("cp").build());
            assertThat(store.load("cp")).contains(saved);
        }
    }

    @Test
    void passwordsAreNeverInTheMessages() {
        for (String uri : List.of(
                "postgresql://app:Sup3rSecret%4@127.0.0.1:5432/db",
                "postgresql://app:Sup3rSecret%zz@127.0.0.1:5432/db",
                "postgresql://127.0.0.1:5432/db?password=Sup3rSecret%4",
                "postgresql://127.0.0.1:5432/db?user=app&password=Sup3rSecret%4",
                "postgresql://app:Sup3r/Secret@127.0.0.1:5432/db",
                "postgresql://app:Sup3r/ss#Secret@127.0.0.1:5432/db",
                "postgresql://app:Sup3r?Secret@127.0.0.1:5432/db",
                "postgresql://app:Sup3rSecret@127.0.0.1:5432/db?tabel=typo",
                "postgresql://app:Sup3rSecret@127.0.0.1:5432/db?password=Sup3rSecret&timeout=25d",
                "postgresql://app:Sup3rSecret@127.0.0.1:5432/db?poolSize=0")) {
            assertThatThrownBy(() -> CheckpointStores.open(uri).close())
                    .as(uri).isInstanceOf(IllegalArgumentException.class)
                    .satisfies(e -> assertThat(e.toString()).doesNotContain("Sup3r").doesNotContain("Secret"));
        }
    }

    private static Set<Thread> poolThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("checkpointkit-postgres-"))
                .collect(Collectors.toSet());
    }
}
