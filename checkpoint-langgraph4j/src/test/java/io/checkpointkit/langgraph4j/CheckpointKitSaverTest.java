package io.checkpointkit.langgraph4j;

import io.checkpointkit.CheckpointStore;
import io.checkpointkit.CheckpointStoreUnavailableException;
import io.checkpointkit.decorators.AutoTrimConfig;
import io.checkpointkit.decorators.AutoTrimmingCheckpointStore;
import io.checkpointkit.decorators.CircuitBreakerConfig;
import io.checkpointkit.decorators.CircuitBreakingCheckpointStore;
import io.checkpointkit.preloader.PreloaderConfig;
import io.checkpointkit.preloader.PreloadingCheckpointStore;
import io.checkpointkit.testsupport.InstrumentedCheckpointStore;
import io.checkpointkit.testsupport.InstrumentedCheckpointStore.Operation;
import io.checkpointkit.langgraph4j.Graphs.Step;
import org.bsc.langgraph4j.CompiledGraph;
import org.bsc.langgraph4j.GraphInput;
import org.bsc.langgraph4j.RunnableConfig;
import org.bsc.langgraph4j.StateGraph;
import org.bsc.langgraph4j.checkpoint.BaseCheckpointSaver;
import org.bsc.langgraph4j.checkpoint.Checkpoint;
import org.bsc.langgraph4j.checkpoint.MemorySaver;
import org.bsc.langgraph4j.state.AgentState;
import org.bsc.langgraph4j.state.StateSnapshot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import static io.checkpointkit.langgraph4j.Graphs.compile;
import static io.checkpointkit.langgraph4j.Graphs.history;
import static io.checkpointkit.langgraph4j.Graphs.linear;
import static io.checkpointkit.langgraph4j.Graphs.steps;
import static io.checkpointkit.langgraph4j.Graphs.thread;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Runs real LangGraph4j graphs on a {@link CheckpointKitSaver} over one backend. Where LangGraph4j's
 * behaviour is the rule, the same scenario also runs on LangGraph4j's own {@link MemorySaver} and the
 * two histories must be equal (ids aside, which are random). A subclass names the backend.
 */
abstract class CheckpointKitSaverTest {

    private final List<CheckpointStore> opened = new ArrayList<>();

    /**
     * Opens a store over this test's data (its file, table or key prefix). Each call opens a new store
     * over the same data, as another process would.
     */
    protected abstract CheckpointStore openStore();

    /** Removes this test's data from a shared server; called after every store is closed. */
    protected void dropData() throws Exception {
    }

    @AfterEach
    void closeStoresAndDropData() throws Exception {
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

    private static String newThreadId() {
        return "thread-" + UUID.randomUUID();
    }

    // --- graphs run to completion -----------------------------------------------------------------

    @Test
    void runToCompletionHistoryIsTheStepsNewestFirst() throws Exception {
        RunnableConfig config = thread(newThreadId());
        CompiledGraph<AgentState> graph = compile(linear("a", "b", "c"), CheckpointKitSaver.of(store(),
                linear("a").getStateSerializer()));

        AgentState result = graph.invoke(Map.of(), config).orElseThrow();

        assertThat(steps(result)).containsExactly("a", "b", "c");
        List<Step> history = history(graph, config);
        assertThat(history).extracting(Step::node).containsExactly("c", "b", "a", "__START__");
        assertThat(history).isEqualTo(memorySaverHistoryOf(linear("a", "b", "c"), config));
    }

    @Test
    void defaultThreadIsAnExecutionLikeAnyOther() throws Exception {
        CheckpointStore store = store();
        CompiledGraph<AgentState> graph = compile(linear("a", "b"), CheckpointKitSaver.of(store,
                linear("a").getStateSerializer()));
        RunnableConfig config = RunnableConfig.builder().build();
        store.clear(BaseCheckpointSaver.THREAD_ID_DEFAULT);

        graph.invoke(Map.of(), config);

        assertThat(store.list(BaseCheckpointSaver.THREAD_ID_DEFAULT)).extracting(cp -> cp.nodeName())
                .containsExactly("__START__", "a", "b");
        store.clear(BaseCheckpointSaver.THREAD_ID_DEFAULT);
    }

    @Test
    void storedCheckpointsChainToTheirParentsAndCarryTheNextNode() throws Exception {
        CheckpointStore store = store();
        String threadId = newThreadId();
        compile(linear("a", "b"), CheckpointKitSaver.of(store, linear("a").getStateSerializer()))
                .invoke(Map.of(), thread(threadId));

        List<io.checkpointkit.Checkpoint> stored = store.list(threadId);
        assertThat(stored).extracting(io.checkpointkit.Checkpoint::nodeName).containsExactly("__START__", "a", "b");
        assertThat(stored.get(0).parentId()).isNull();
        assertThat(stored.get(1).parentId()).isEqualTo(stored.get(0).id());
        assertThat(stored.get(2).parentId()).isEqualTo(stored.get(1).id());
        assertThat(stored).extracting(cp -> cp.metadata().get(CheckpointKitSaver.NEXT_NODE_KEY))
                .containsExactly("a", "b", "__END__");
        assertThat(stored).extracting(cp -> cp.metadata().get(CheckpointKitSaver.CONTENT_TYPE_KEY))
                .containsOnly("application/octet-stream");
    }

    @Test
    void jsonStateIsStoredAsPlainUtf8Json() throws Exception {
        CheckpointStore store = store();
        String threadId = newThreadId();
        StateGraph<AgentState> graph = linear(new StateGraph<>(Graphs.schema(), Graphs.json()), "a", "b");
        CompiledGraph<AgentState> compiled = compile(graph, CheckpointKitSaver.of(store, graph.getStateSerializer()));

        compiled.invoke(Map.of(), thread(threadId));

        io.checkpointkit.Checkpoint latest = store.latest(threadId).orElseThrow();
        assertThat(new String(latest.state(), StandardCharsets.UTF_8)).isEqualTo("{\"steps\":[\"a\",\"b\"]}");
        assertThat(latest.metadata()).containsEntry(CheckpointKitSaver.CONTENT_TYPE_KEY, "application/json");
        assertThat(steps(compiled.getState(thread(threadId)).state())).containsExactly("a", "b");
    }

    // --- interruption and resumption --------------------------------------------------------------

    @Test
    void interruptedRunIsResumedByANewSaverOverTheSameData() throws Exception {
        RunnableConfig config = thread(newThreadId());
        CompiledGraph<AgentState> first = compile(linear("a", "b", "c"),
                CheckpointKitSaver.of(store(), linear("a").getStateSerializer()), o -> o.interruptBefore("c"));
        assertThat(steps(first.invoke(Map.of(), config).orElseThrow())).containsExactly("a", "b");

        CompiledGraph<AgentState> second = compile(linear("a", "b", "c"),
                CheckpointKitSaver.of(store(), linear("a").getStateSerializer()), o -> o.interruptBefore("c"));
        assertThat(second.getState(config).next()).isEqualTo("c");
        AgentState result = second.invoke(GraphInput.resume(), config).orElseThrow();

        assertThat(steps(result)).containsExactly("a", "b", "c");
        assertThat(history(second, config)).isEqualTo(memorySaverInterruptedHistoryOf(config));
    }

    @Test
    void unreleasedThreadKeepsItsHistoryAcrossSaverInstances() throws Exception {
        RunnableConfig config = thread(newThreadId());
        CompiledGraph<AgentState> first = compile(linear("a", "b"), CheckpointKitSaver.of(store(),
                linear("a").getStateSerializer()));
        first.invoke(Map.of(), config);

        CompiledGraph<AgentState> second = compile(linear("a", "b"), CheckpointKitSaver.of(store(),
                linear("a").getStateSerializer()));

        assertThat(history(second, config)).isEqualTo(history(first, config)).hasSize(3);
        assertThat(steps(second.getState(config).state())).containsExactly("a", "b");
    }

    @Test
    void twoSaversOverOneThreadSeeEachOthersCheckpoints() throws Exception {
        CheckpointStore store = store();
        CheckpointKitSaver one = CheckpointKitSaver.of(store, linear("a").getStateSerializer());
        CheckpointKitSaver two = CheckpointKitSaver.of(store(), linear("a").getStateSerializer());
        RunnableConfig config = thread(newThreadId());

        compile(linear("a", "b", "c"), one, o -> o.interruptAfter("a")).invoke(Map.of(), config);
        AgentState result = compile(linear("a", "b", "c"), two).invoke(GraphInput.resume(), config).orElseThrow();

        assertThat(steps(result)).containsExactly("a", "b", "c");
        assertThat(one.list(config)).extracting(Checkpoint::getId)
                .containsExactlyElementsOf(two.list(config).stream().map(Checkpoint::getId).toList());
        assertThat(one.get(config).orElseThrow().getNodeId()).isEqualTo("c");
    }

    // --- time travel ------------------------------------------------------------------------------

    @Test
    void updateStateOnAPastCheckpointThenResumeFromIt() throws Exception {
        RunnableConfig config = thread(newThreadId());
        CompiledGraph<AgentState> graph = compile(linear("a", "b", "c"),
                CheckpointKitSaver.of(store(), linear("a").getStateSerializer()));
        graph.invoke(Map.of(), config);

        AgentState result = travelBackToAAndResume(graph, config);

        assertThat(steps(result)).containsExactly("a", "edited", "b", "c");
        CompiledGraph<AgentState> reference = compile(linear("a", "b", "c"), new MemorySaver());
        reference.invoke(Map.of(), config);
        travelBackToAAndResume(reference, config);
        assertThat(history(graph, config)).isEqualTo(history(reference, config));
    }

    /** Edits the checkpoint after "a" (it takes that checkpoint's place), then resumes from it. */
    private static AgentState travelBackToAAndResume(CompiledGraph<AgentState> graph, RunnableConfig config)
            throws Exception {
        StateSnapshot<AgentState> afterA = graph.getStateHistory(config).stream()
                .filter(s -> s.node().equals("a")).findFirst().orElseThrow();
        RunnableConfig edited = graph.updateState(afterA.config(), Map.of(Graphs.STEPS, "edited"));
        return graph.invoke(GraphInput.resume(), edited).orElseThrow();
    }

    @Test
    void updateStateThenReleaseLeavesNoHistory() throws Exception {
        CheckpointKitSaver saver = CheckpointKitSaver.of(store(), linear("a").getStateSerializer());
        RunnableConfig config = thread(newThreadId());
        CompiledGraph<AgentState> graph = compile(linear("a", "b"), saver, o -> o.interruptBefore("b"));
        graph.invoke(Map.of(), config);
        RunnableConfig edited = graph.updateState(config, Map.of(Graphs.STEPS, "edited"));

        compile(linear("a", "b"), saver, o -> o.releaseThread(true)).invoke(GraphInput.resume(), edited);

        assertThat(saver.list(config)).isEmpty();
        assertThat(saver.get(config)).isEmpty();
    }

    // --- release ----------------------------------------------------------------------------------

    @Test
    void releaseThreadClearsTheThreadByDefault() throws Exception {
        CheckpointStore store = store();
        String threadId = newThreadId();
        CheckpointKitSaver saver = CheckpointKitSaver.of(store, linear("a").getStateSerializer());

        AgentState result = compile(linear("a", "b"), saver, o -> o.releaseThread(true))
                .invoke(Map.of(), thread(threadId)).orElseThrow();

        assertThat(steps(result)).containsExactly("a", "b");
        assertThat(store.list(threadId)).isEmpty();
        assertThat(saver.list(thread(threadId))).isEmpty();
    }

    @Test
    void releaseThreadInKeepModeKeepsTheHistoryAndMarksTheLatest() throws Exception {
        CheckpointStore store = store();
        String threadId = newThreadId();
        Clock clock = Clock.fixed(Instant.parse("2026-12-02T09:00:00Z"), ZoneOffset.UTC);
        CheckpointKitSaver saver = CheckpointKitSaver.builder(store, linear("a").getStateSerializer())
                .releaseMode(ReleaseMode.KEEP_AND_MARK).clock(clock).build();

        compile(linear("a", "b"), saver, o -> o.releaseThread(true)).invoke(Map.of(), thread(threadId));

        List<io.checkpointkit.Checkpoint> stored = store.list(threadId);
        assertThat(stored).extracting(io.checkpointkit.Checkpoint::nodeName).containsExactly("__START__", "a", "b");
        assertThat(stored.get(2).metadata()).containsEntry(CheckpointKitSaver.RELEASED_KEY, "2026-12-02T09:00:00Z");
        assertThat(stored.get(1).metadata()).doesNotContainKey(CheckpointKitSaver.RELEASED_KEY);
    }

    @Test
    void releaseReturnsTheThreadsCheckpointsNewestFirst() throws Exception {
        CheckpointKitSaver saver = CheckpointKitSaver.of(store(), linear("a").getStateSerializer());
        RunnableConfig config = thread(newThreadId());
        compile(linear("a", "b"), saver).invoke(Map.of(), config);
        List<String> before = saver.list(config).stream().map(Checkpoint::getId).toList();

        BaseCheckpointSaver.Tag tag = saver.release(config);

        assertThat(tag.threadId()).isEqualTo(config.threadId().orElseThrow());
        assertThat(tag.checkpoints()).extracting(Checkpoint::getId).containsExactlyElementsOf(before).hasSize(3);
    }

    // --- subgraphs and concurrency ----------------------------------------------------------------

    @Test
    void subgraphSharesTheSaver() throws Exception {
        CheckpointStore store = store();
        CheckpointKitSaver saver = CheckpointKitSaver.of(store, linear("a").getStateSerializer());
        String threadId = newThreadId();
        RunnableConfig config = thread(threadId);
        CompiledGraph<AgentState> subgraph = compile(linear("x", "y"), saver);
        CompiledGraph<AgentState> graph = compile(Graphs.withSubgraph(subgraph), saver);

        AgentState result = graph.invoke(Map.of(), config).orElseThrow();

        MemorySaver memorySaver = new MemorySaver();
        CompiledGraph<AgentState> referenceSubgraph = compile(linear("x", "y"), memorySaver);
        CompiledGraph<AgentState> reference = compile(Graphs.withSubgraph(referenceSubgraph), memorySaver);
        AgentState expected = reference.invoke(Map.of(), config).orElseThrow();
        assertThat(steps(result)).containsSubsequence("a", "x", "y", "c").isEqualTo(steps(expected));
        assertThat(history(graph, config)).isEqualTo(history(reference, config));

        // LangGraph4j runs a subgraph that shares its parent's saver on a thread of its own,
        // "<parent thread>_subgraph_<node id>": that thread is an execution of its own too, with
        // the subgraph's history, and the parent's execution holds only the parent's checkpoints.
        RunnableConfig subgraphThread = thread(threadId + "_subgraph_sub");
        List<Step> subgraphHistory = history(subgraph, subgraphThread);
        assertThat(subgraphHistory).isNotEmpty().isEqualTo(history(referenceSubgraph, subgraphThread));
        assertThat(store.list(threadId + "_subgraph_sub")).hasSameSizeAs(subgraphHistory);
        assertThat(store.list(threadId)).hasSameSizeAs(history(graph, config));
    }

    @Test
    void eightGraphThreadsRunAtOnceOnOneSaver() throws Exception {
        CheckpointKitSaver saver = CheckpointKitSaver.of(store(), linear("a").getStateSerializer());
        CompiledGraph<AgentState> graph = compile(Graphs.loop(12), saver);
        List<Step> expected = memorySaverHistoryOf(Graphs.loop(12), thread("reference"));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<RunnableConfig>> runs = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                RunnableConfig config = thread(newThreadId());
                runs.add(pool.submit(() -> {
                    graph.invoke(Map.of(), config);
                    return config;
                }));
            }
            for (Future<RunnableConfig> run : runs) {
                assertThat(history(graph, run.get(30, TimeUnit.SECONDS))).isEqualTo(expected);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    // --- the saver's own rules --------------------------------------------------------------------

    @Test
    void getFindsACheckpointIdOnlyWithinItsThread() throws Exception {
        CheckpointKitSaver saver = CheckpointKitSaver.of(store(), linear("a").getStateSerializer());
        RunnableConfig mine = thread(newThreadId());
        compile(linear("a"), saver).invoke(Map.of(), mine);
        String id = saver.get(mine).orElseThrow().getId();

        assertThat(saver.get(RunnableConfig.builder(mine).checkPointId(id).build())).isPresent();
        assertThat(saver.get(RunnableConfig.builder(thread(newThreadId())).checkPointId(id).build())).isEmpty();
        assertThat(saver.get(RunnableConfig.builder(mine).checkPointId("no-such-checkpoint").build())).isEmpty();
    }

    @Test
    void getAndListAreOneStoreCallEach() throws Exception {
        InstrumentedCheckpointStore store = InstrumentedCheckpointStore.wrap(store());
        CheckpointKitSaver saver = CheckpointKitSaver.of(store, linear("a").getStateSerializer());
        RunnableConfig config = thread(newThreadId());
        compile(linear("a", "b", "c"), saver).invoke(Map.of(), config);
        String id = saver.list(config).iterator().next().getId();

        int before = reads(store);
        saver.get(config);
        assertThat(reads(store) - before).isEqualTo(1);
        assertThat(store.calls(Operation.LATEST)).isPositive();
        before = reads(store);
        saver.get(RunnableConfig.builder(config).checkPointId(id).build());
        assertThat(reads(store) - before).isEqualTo(1);
        before = reads(store);
        saver.list(config);
        assertThat(reads(store) - before).isEqualTo(1);
    }

    @Test
    void putWithAnIdReplacesThatCheckpointInItsPlace() throws Exception {
        CheckpointKitSaver saver = CheckpointKitSaver.of(store(), linear("a").getStateSerializer());
        RunnableConfig config = thread(newThreadId());
        RunnableConfig first = saver.put(config, checkpoint("one"));
        RunnableConfig second = saver.put(config, checkpoint("two"));
        saver.put(config, checkpoint("three"));

        Checkpoint replacement = checkpoint("two-edited");
        RunnableConfig returned = saver.put(second, replacement);

        assertThat(returned.checkPointId()).isEqualTo(second.checkPointId());
        assertThat(saver.list(config)).extracting(Checkpoint::getNodeId).containsExactly("three", "two-edited", "one");
        assertThat(saver.get(second)).isEmpty();
        assertThat(saver.get(RunnableConfig.builder(config).checkPointId(replacement.getId()).build()))
                .map(Checkpoint::getNodeId).contains("two-edited");
        Checkpoint sameId = Checkpoint.builder().id(first.checkPointId().orElseThrow()).nodeId("one-edited")
                .nextNodeId("next").state(Map.of()).build();
        saver.put(first, sameId);
        assertThat(saver.list(config)).extracting(Checkpoint::getNodeId)
                .containsExactly("three", "two-edited", "one-edited");
    }

    @Test
    void aReplacementCutShortLeavesTheOldCheckpointOrTheNewNeverNeither() throws Exception {
        CheckpointStore store = store();
        RunnableConfig config = thread(newThreadId());
        CheckpointKitSaver saver = CheckpointKitSaver.of(store, linear("a").getStateSerializer());
        saver.put(config, checkpoint("one"));
        RunnableConfig two = saver.put(config, checkpoint("two"));

        CheckpointKitSaver failsOnSave = CheckpointKitSaver.of(failing(store, true), linear("a").getStateSerializer());
        assertThatThrownBy(() -> failsOnSave.put(two, checkpoint("two-new")))
                .isInstanceOf(CheckpointStoreUnavailableException.class);
        assertThat(saver.list(config)).extracting(Checkpoint::getNodeId).containsExactly("two", "one");

        CheckpointKitSaver failsOnDelete = CheckpointKitSaver.of(failing(store, false), linear("a").getStateSerializer());
        assertThatThrownBy(() -> failsOnDelete.put(two, checkpoint("two-new")))
                .isInstanceOf(CheckpointStoreUnavailableException.class);
        assertThat(saver.list(config)).extracting(Checkpoint::getNodeId).contains("two", "two-new", "one");
    }

    /** The reading calls that reached the store, to check that the saver makes one per question. */
    private static int reads(InstrumentedCheckpointStore store) {
        return store.calls(Operation.LOAD, Operation.LATEST, Operation.LIST, Operation.QUERY);
    }

    /** A view of the store whose saves (or deletes) fail as if the backend went away. */
    private static CheckpointStore failing(CheckpointStore store, boolean onSave) {
        InstrumentedCheckpointStore failing = InstrumentedCheckpointStore.wrap(store);
        Function<Operation, RuntimeException> injected = operation -> new CheckpointStoreUnavailableException(
                "injected: " + operation.name().toLowerCase(Locale.ROOT) + " failed", null);
        if (onSave) {
            failing.failWith(injected, Operation.SAVE, Operation.DELETE);
        } else {
            failing.failWith(injected, Operation.DELETE);
        }
        return failing;
    }

    @Test
    void putWithAnIdTheThreadDoesNotHoldFails() throws Exception {
        CheckpointKitSaver saver = CheckpointKitSaver.of(store(), linear("a").getStateSerializer());
        RunnableConfig config = thread(newThreadId());
        RunnableConfig other = saver.put(thread(newThreadId()), checkpoint("elsewhere"));

        assertThatThrownBy(() -> saver.put(RunnableConfig.builder(config)
                .checkPointId(other.checkPointId().orElseThrow()).build(), checkpoint("x")))
                .isInstanceOf(NoSuchElementException.class);
        assertThat(saver.list(config)).isEmpty();
    }

    @Test
    void checkpointsSavedWithinOneMicrosecondOrAsTheClockStepsBackKeepTheirOrder() throws Exception {
        Clock stopped = Clock.fixed(Instant.parse("2026-12-02T09:00:00.000000500Z"), ZoneOffset.UTC);
        CheckpointStore store = store();
        CheckpointKitSaver saver = CheckpointKitSaver.builder(store, linear("a").getStateSerializer())
                .clock(stopped).build();
        CheckpointKitSaver earlier = CheckpointKitSaver.builder(store, linear("a").getStateSerializer())
                .clock(Clock.offset(stopped, java.time.Duration.ofHours(-1))).build();
        RunnableConfig config = thread(newThreadId());
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            names.add(0, "n" + i);
            (i % 2 == 0 ? saver : earlier).put(config, checkpoint("n" + i));
        }

        assertThat(saver.list(config)).extracting(Checkpoint::getNodeId).containsExactlyElementsOf(names);
        assertThat(saver.get(config)).map(Checkpoint::getNodeId).contains("n19");
    }

    @Test
    void illegalThreadIdsAreRefusedBeforeAnyIo() throws Exception {
        InstrumentedCheckpointStore store = InstrumentedCheckpointStore.wrap(store());
        CheckpointKitSaver saver = CheckpointKitSaver.of(store, linear("a").getStateSerializer());
        RunnableConfig control = thread("bad\u0000thread");

        assertThatThrownBy(() -> saver.list(control)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> saver.get(control)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> saver.put(control, checkpoint("x"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> saver.release(control)).isInstanceOf(IllegalArgumentException.class);
        assertThat(reads(store)).isZero();
    }

    // --- decorators -------------------------------------------------------------------------------

    @Test
    void autoTrimBoundsALongThreadAndKeepsTheInterruptedCheckpoint() throws Exception {
        CheckpointStore store = AutoTrimmingCheckpointStore.wrap(store(), AutoTrimConfig.builder()
                .keepLatest(5).threshold(5).executor(Runnable::run).build());
        CheckpointKitSaver saver = CheckpointKitSaver.of(store, linear("a").getStateSerializer());
        RunnableConfig config = thread(newThreadId());
        compile(Graphs.loop(40), saver, o -> o.interruptBefore("done")).invoke(Map.of(), config);

        assertThat(saver.list(config).size()).isBetween(1, 10);
        assertThat(saver.get(config).orElseThrow().getNextNodeId()).isEqualTo("done");
        CheckpointKitSaver fresh = CheckpointKitSaver.of(store(), linear("a").getStateSerializer());
        AgentState result = compile(Graphs.loop(40), fresh).invoke(GraphInput.resume(), config).orElseThrow();
        assertThat(steps(result)).hasSize(41).endsWith("work", "done");
    }

    @Test
    void runsUnderTheCircuitBreakerAndThePreloader() throws Exception {
        RunnableConfig config = thread(newThreadId());
        try (PreloadingCheckpointStore preloaded = PreloadingCheckpointStore.wrap(CircuitBreakingCheckpointStore.wrap(
                store(), CircuitBreakerConfig.defaults()), PreloaderConfig.defaults())) {
            CheckpointKitSaver saver = CheckpointKitSaver.of(preloaded, linear("a").getStateSerializer());
            compile(linear("a", "b", "c"), saver, o -> o.interruptBefore("c")).invoke(Map.of(), config);
            assertThat(saver.get(config).orElseThrow().getNextNodeId()).isEqualTo("c");

            AgentState result = compile(linear("a", "b", "c"), saver).invoke(GraphInput.resume(), config).orElseThrow();

            assertThat(steps(result)).containsExactly("a", "b", "c");
            assertThat(history(compile(linear("a", "b", "c"), CheckpointKitSaver.of(store(),
                    linear("a").getStateSerializer())), config)).isEqualTo(memorySaverInterruptedHistoryOf(config));
        }
    }

    private static Checkpoint checkpoint(String nodeId) {
        return Checkpoint.builder().nodeId(nodeId).nextNodeId("next").state(Map.of("steps", List.of(nodeId))).build();
    }

    private static List<Step> memorySaverHistoryOf(StateGraph<AgentState> graph, RunnableConfig config)
            throws Exception {
        CompiledGraph<AgentState> reference = compile(graph, new MemorySaver());
        reference.invoke(Map.of(), config);
        return history(reference, config);
    }

    private static List<Step> memorySaverInterruptedHistoryOf(RunnableConfig config) throws Exception {
        CompiledGraph<AgentState> reference = compile(linear("a", "b", "c"), new MemorySaver(),
                o -> o.interruptBefore("c"));
        reference.invoke(Map.of(), config);
        reference.invoke(GraphInput.resume(), config);
        return history(reference, config);
    }
}
