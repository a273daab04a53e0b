package io.checkpointkit.redis;

import io.checkpointkit.Checkpoint;
import io.checkpointkit.CheckpointStore;
import io.checkpointkit.CheckpointStores;
import io.checkpointkit.testsupport.TestServers;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

/** Out-of-range durations are rejected before Lettuce allocates anything; passwords are never printed. */
class PasswordsAndDurationsTest {

    private final String prefix = RedisTestServers.newPrefix();

    @AfterEach
    void deleteKeys() {
        RedisTestServers.deleteKeys(prefix);
    }

    @Test
    void anOutOfRangeDurationIsRejectedNamingTheOptionAndLeavesNoLettuceThread() {
        String hostPort = TestServers.redis().substring("redis://".length());
        SoftAssertions softly = new SoftAssertions();
        for (String scheme : List.of("redis", "redis-cluster")) {
            for (String option : List.of("timeout", "connectTimeout")) {
                for (String value : List.of("25d", "1000000d", "9223372036854775807d")) {
                    String uri = scheme + "://" + hostPort + "?prefix=" + prefix + "&" + option + "=" + value;
                    Set<Thread> before = lettuceThreads();

                    Throwable thrown = catchThrowable(() -> CheckpointStores.open(uri).close());

                    Set<Thread> leaked = lettuceThreads();
                    leaked.removeAll(before);
                    softly.assertThat(leaked).as("threads started by rejected %s", uri).isEmpty();
                    softly.assertThat(thrown).as(uri).isInstanceOf(IllegalArgumentException.class)
                            .hasMessageContaining(option + " must be")
                            .hasMessageMatching(".*(between 1ms and 24d|at most 24d, was).*");
                }
            }
        }
        softly.assertAll();
    }

    @Test
    void theLongestTimeoutsWorkAgainstTheServer() {
        String uri = TestServers.redis() + "?prefix=" + prefix + "&timeout=24d&connectTimeout=24d";
        try (CheckpointStore store = CheckpointStores.open(uri)) {
            Checkpoint saved = store.save(Checkpoint.builder("exec").id("cp").build());
            assertThat(store.load("cp")).contains(saved);
        }
        assertThatThrownBy(() -> RedisCheckpointStore.builder(RedisTestServers.sharedClient())
                .timeout(Duration.ofDays(24).plusMillis(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("timeout must be between 1ms and 24d, was 2073600001ms");
    }

    @Test
    void passwordsAreNeverInTheMessages() {
        for (String scheme : List.of("redis", "redis-cluster")) {
            for (String uri : List.of(
                    scheme + "://app:Sup3rSecret%4@127.0.0.1:6379",
                    scheme + "://:Sup3rSecret%zz@127.0.0.1:6379",
                    scheme + "://127.0.0.1:6379?password=Sup3rSecret%4",
                    scheme + "://app:Sup3r/Secret@127.0.0.1:6379",
                    scheme + "://app:Sup3r/ss#Secret@127.0.0.1:6379",
                    scheme + "://:Sup3r?Secret@127.0.0.1:6379",
                    scheme + "://:Sup3rSecret@127.0.0.1:6379?prefx=typo",
                    scheme + "://:Sup3rSecret@127.0.0.1:6379?timeout=25d")) {
                assertThatThrownBy(() -> CheckpointStores.open(uri).close())
                        .as(uri).isInstanceOf(IllegalArgumentException.class)
                        .satisfies(e -> assertThat(e.toString()).doesNotContain("Sup3r").doesNotContain("Secret"));
            }
        }
    }

    private static Set<Thread> lettuceThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("lettuce-"))
                .collect(Collectors.toSet());
    }
}
