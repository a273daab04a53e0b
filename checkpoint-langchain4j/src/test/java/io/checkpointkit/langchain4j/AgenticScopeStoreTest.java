package io.checkpointkit.langchain4j;

import dev.langchain4j.agentic.scope.AgenticScopeKey;
import dev.langchain4j.agentic.scope.AgenticScopePersister;
import dev.langchain4j.agentic.scope.DefaultAgenticScope;
import io.checkpointkit.Checkpoint;
import io.checkpointkit.CheckpointStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The scope store under a real LangChain4j agentic workflow, on one backend: each subclass opens
 * stores over its own data (a file, a table, a key prefix), and a "restart" is a new store and a new
 * workflow over the same data.
 */
abstract class AgenticScopeStoreTest {

    private final List<CheckpointStore> opened = new ArrayList<>();

    /** Opens a new store over this test's data, as another process would. */
    protected abstract CheckpointStore openStore();

    /** Removes this test's data from a shared server; called after every store is closed. */
    protected void dropData() throws Exception {
    }

    @AfterEach
    void closeStoresAndDropData() throws Exception {
        AgenticScopePersister.setStore(null);
        for (CheckpointStore store : opened) {
            store.close();
        }
        dropData();
    }

    /** A new store over this test's data, closed after the test. */
    protected final CheckpointStore store() {
        CheckpointStore store = openStore();
        opened.add(store);
        return store;
    }

    /** A workflow over a new scope store over {@code store}, as a process starting would build it. */
    private static Workflows.Journal startOver(CheckpointStore store) {
        AgenticScopePersister.setStore(CheckpointKitAgenticScopeStore.of(store));
        return Workflows.journal();
    }

    /** The key LangChain4j stored the journal's scope under (its agent id is LangChain4j's choice). */
    private static AgenticScopeKey keyOf(CheckpointKitAgenticScopeStore scopes, Object journalId) {
        List<AgenticScopeKey> keys = scopes.getAllKeys().stream()
                .filter(key -> key.memoryId().equals(journalId)).toList();
        assertThat(keys).hasSize(1);
        return keys.get(0);
    }

    @Test
    void aRestartedWorkflowContinuesWithItsScope() {
        String journalId = "journal-" + UUID.randomUUID();
        Workflows.Journal first = startOver(store());
        assertThat(first.record(journalId, "a")).isEqualTo("a");
        assertThat(first.record(journalId, "b")).isEqualTo("a,b");

        Workflows.Journal restarted = startOver(store());

        assertThat(restarted.record(journalId, "c")).isEqualTo("a,b,c");
        CheckpointKitAgenticScopeStore scopes = CheckpointKitAgenticScopeStore.of(store());
        DefaultAgenticScope scope = scopes.load(keyOf(scopes, journalId)).orElseThrow();
        assertThat(scope.readState("runs")).isEqualTo(3);
        assertThat(scope.readState("log")).isEqualTo("a,b,c");
    }

    @Test
    void everySaveIsACheckpointAndLoadReturnsTheLatest() {
        String journalId = "journal-" + UUID.randomUUID();
        CheckpointStore store = store();
        Workflows.Journal journal = startOver(store);
        journal.record(journalId, "a");
        journal.record(journalId, "b");

        String executionId = CheckpointKitAgenticScopeStore.executionIdOf(
                keyOf(CheckpointKitAgenticScopeStore.of(store), journalId));
        List<Checkpoint> history = store.list(executionId);

        assertThat(history).hasSizeGreaterThanOrEqualTo(2);
        assertThat(history).extracting(Checkpoint::nodeName).containsOnly(CheckpointKitAgenticScopeStore.NODE_NAME);
        assertThat(history.get(history.size() - 1).parentId()).isEqualTo(history.get(history.size() - 2).id());
        assertThat(history.get(0).metadata())
                .containsEntry(CheckpointKitAgenticScopeStore.CONTENT_TYPE_KEY, CheckpointKitAgenticScopeStore.CONTENT_TYPE);
    }

    @Test
    void memoryIdsOfEveryMappedTypeAreKeptApart() {
        CheckpointStore store = store();
        Workflows.Journal journal = startOver(store);
        long unique = System.nanoTime();
        UUID uuid = UUID.randomUUID();
        journal.record(String.valueOf(unique), "string");
        journal.record(unique, "long");
        journal.record(uuid, "uuid");

        Workflows.Journal restarted = startOver(store());

        assertThat(restarted.record(String.valueOf(unique), "x")).isEqualTo("string,x");
        assertThat(restarted.record(unique, "y")).isEqualTo("long,y");
        assertThat(restarted.record(uuid, "z")).isEqualTo("uuid,z");
    }

    @Test
    void getAllKeysListsTheScopesAndNothingElse() {
        CheckpointStore store = store();
        CheckpointKitAgenticScopeStore scopes = CheckpointKitAgenticScopeStore.builder(store).pageSize(2).build();
        String run = UUID.randomUUID().toString();
        AgenticScopePersister.setStore(scopes);
        Workflows.Journal journal = Workflows.journal();
        List<String> memoryIds = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            journal.record(run + "-" + i, "item");
            memoryIds.add(run + "-" + i);
        }
        store.save(Checkpoint.builder("other-user-" + run).build());
        store.save(Checkpoint.builder("lc4j:not-a-key-" + run).build());
        store.save(Checkpoint.builder("zzz-" + run).build());

        List<AgenticScopeKey> ours = scopes.getAllKeys().stream()
                .filter(key -> key.memoryId().toString().startsWith(run)).toList();
        assertThat(ours).extracting(AgenticScopeKey::memoryId).containsExactlyInAnyOrderElementsOf(memoryIds);
        assertThat(ours).extracting(AgenticScopeKey::agentId).containsOnly(ours.get(0).agentId());
        assertThat(scopes.getAllKeys()).allSatisfy(key ->
                assertThat(CheckpointKitAgenticScopeStore.executionIdOf(key)).startsWith("lc4j:"));
    }

    @Test
    void deleteClearsTheScopeSoTheNextRunStartsAfresh() {
        String journalId = "journal-" + UUID.randomUUID();
        CheckpointStore store = store();
        Workflows.Journal journal = startOver(store);
        journal.record(journalId, "a");
        CheckpointKitAgenticScopeStore scopes = CheckpointKitAgenticScopeStore.of(store);
        AgenticScopeKey key = keyOf(scopes, journalId);

        assertThat(scopes.delete(key)).isTrue();

        assertThat(scopes.delete(key)).isFalse();
        assertThat(scopes.load(key)).isEmpty();
        assertThat(store.list(CheckpointKitAgenticScopeStore.executionIdOf(key))).isEmpty();
        assertThat(startOver(store()).record(journalId, "b")).isEqualTo("b");
    }
}
