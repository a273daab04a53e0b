package io.checkpointkit.langchain4j;

import dev.langchain4j.agentic.scope.AgenticScopeKey;
import io.checkpointkit.spi.Ids;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The key encoding: a bijection between keys and (a subset of) legal execution ids. */
class ScopeKeysTest {

    private static final List<String> HOSTILE = List.of("", ":", "::", "%", "%3A", "%%3A", "%u0000", "a:b", "a%b",
            "\u0000", "\n\r\t", "\u007f\u0085\u009f", "\ud800", "\udfff", "x\ud800y", "\ud83d\ude00", "\ude00\ud83d",
            "lc4j:s:a:b", "élan ' \" / .. { } *", " ", "%ZZ", "%3a", "\u2028");

    private static void assertRoundTrip(AgenticScopeKey key) {
        String executionId = CheckpointKitAgenticScopeStore.executionIdOf(key);
        assertThat(Ids.requireValid(executionId, "executionId")).startsWith(ScopeKeys.PREFIX);
        assertThat(CheckpointKitAgenticScopeStore.keyOf(executionId)).contains(key);
    }

    @Test
    void hostileAgentAndMemoryIdsRoundTrip() {
        for (String agentId : HOSTILE) {
            for (String memoryId : HOSTILE) {
                assertRoundTrip(new AgenticScopeKey(agentId, memoryId));
            }
        }
    }

    @Test
    void everyMappedMemoryIdTypeRoundTripsWithItsType() {
        for (Object memoryId : List.of(0, -1, Integer.MIN_VALUE, Integer.MAX_VALUE, 0L, Long.MIN_VALUE,
                Long.MAX_VALUE, UUID.randomUUID(), "1", "0", "-1")) {
            assertRoundTrip(new AgenticScopeKey("agent", memoryId));
        }
    }

    @Test
    void equalTextOfDifferentTypesMapsToDifferentIds() {
        UUID uuid = UUID.randomUUID();
        List<Object> memoryIds = List.of("7", 7, 7L, uuid, uuid.toString());
        assertThat(memoryIds.stream().map(m -> CheckpointKitAgenticScopeStore.executionIdOf(new AgenticScopeKey("a", m))))
                .doesNotHaveDuplicates();
    }

    @Test
    void randomKeysNeverCollide() {
        Random random = new Random(42);
        Map<String, AgenticScopeKey> seen = new HashMap<>();
        String alphabet = ":%aA0u\u0000\n\ud800\udc00é";
        for (int i = 0; i < 20_000; i++) {
            AgenticScopeKey key = new AgenticScopeKey(randomText(random, alphabet), randomText(random, alphabet));
            String executionId = CheckpointKitAgenticScopeStore.executionIdOf(key);
            AgenticScopeKey before = seen.putIfAbsent(executionId, key);
            assertThat(before == null || before.equals(key)).as("%s and %s share %s", before, key, executionId).isTrue();
            assertThat(CheckpointKitAgenticScopeStore.keyOf(executionId)).contains(key);
        }
    }

    @Test
    void idsThatAreNotCanonicalEncodingsDecodeToNothing() {
        List<String> foreign = new ArrayList<>(List.of("thread-1", "lc4j", "lc4j:", "lc4j:s", "lc4j:s:", "lc4j:s:a",
                "lc4j:x:a:b", "lc4j:s:a:b:c", "lc4j:s:a%3a:b", "lc4j:s:%61:b", "lc4j:s:a:%", "lc4j:s:a:%4",
                "lc4j:s:a:%u12", "lc4j:i:a:01", "lc4j:i:a:+1", "lc4j:i:a:99999999999", "lc4j:l:a:x",
                "lc4j:u:a:1-1-1-1-1", "lc4j:u:a:not-a-uuid", "LC4J:s:a:b", "lc4j:s:a:%u0041"));
        for (String executionId : foreign) {
            assertThat(CheckpointKitAgenticScopeStore.keyOf(executionId)).as(executionId).isEmpty();
        }
        assertThat(CheckpointKitAgenticScopeStore.keyOf("lc4j:s:a:b")).contains(new AgenticScopeKey("a", "b"));
    }

    @Test
    void aKeyTooLongForAnExecutionIdIsRefusedBeforeAnyIo() {
        String longest = "m".repeat(Ids.MAX_LENGTH - "lc4j:s:a:".length());
        assertRoundTrip(new AgenticScopeKey("a", longest));
        assertThatThrownBy(() -> CheckpointKitAgenticScopeStore.executionIdOf(new AgenticScopeKey("a", longest + "m")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("512");
        // an escape takes three characters of the budget
        assertThatThrownBy(() -> CheckpointKitAgenticScopeStore.executionIdOf(new AgenticScopeKey("a", ":".repeat(200))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void memoryIdsOfOtherTypesAndNullAreRefused() {
        assertThatThrownBy(() -> CheckpointKitAgenticScopeStore.executionIdOf(new AgenticScopeKey("a", 1.5)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("java.lang.Double");
        assertThatThrownBy(() -> CheckpointKitAgenticScopeStore.executionIdOf(new AgenticScopeKey("a", null)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no memory id");
        assertThatThrownBy(() -> CheckpointKitAgenticScopeStore.executionIdOf(new AgenticScopeKey(null, "m")))
                .isInstanceOf(NullPointerException.class);
    }

    private static String randomText(Random random, String alphabet) {
        int length = random.nextInt(6);
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < length; i++) {
            text.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return text.toString();
    }
}
