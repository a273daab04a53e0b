package io.checkpointkit.springboot.starter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.checkpointkit.Checkpoint;
import io.checkpointkit.CheckpointStore;
import io.checkpointkit.CheckpointStores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A real Boot web application with the starter and the actuator, on one backend per subclass
 * (which sets {@code checkpointkit.store.uri}): it starts, saves and reads through the injected
 * {@link CheckpointStore}, reports the store in {@code /actuator/health} and its timer in
 * {@code /actuator/metrics} over HTTP, and closes the store when the context stops.
 *
 * <p>One context per backend, closed after its class ({@code @DirtiesContext}); then
 * {@link StoreClosedAfterShutdown} checks that the store bean is closed and that what the
 * application saved is there for a store opened anew on the same URI.
 */
@ExtendWith(StoreClosedAfterShutdown.class) // before @SpringBootTest: see StoreClosedAfterShutdown
@SpringBootTest(classes = StarterTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "management.endpoints.web.exposure.include=health,metrics",
                "management.endpoint.health.show-details=always"})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
abstract class BootApplicationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Autowired
    private CheckpointStore store;

    /** What the test saved, for the check after shutdown: one test class runs at a time. */
    private static CheckpointStore usedStore;
    private static String usedUri;
    private static List<Checkpoint> saved = List.of();
    /** How the running subclass deletes its data; run after the check, whatever its outcome. */
    private static TestDataCleanup cleanup = () -> { };

    /** Deletes what a test wrote to its server (a table, keys, a directory). */
    @FunctionalInterface
    interface TestDataCleanup {
        void run() throws Exception;
    }

    /**
     * Registers how to delete the running test class's data once its application has stopped;
     * each subclass calls it from a {@code @BeforeAll} method.
     */
    static void deleteAfterShutdown(TestDataCleanup deleteTestData) {
        cleanup = deleteTestData;
    }

    @LocalServerPort
    private int port;

    /** The {@code checkpointkit.store.uri} the subclass gave the application. */
    abstract String storeUri();

    @Test
    void savesAndReadsThroughTheBeanReportsHealthAndTimersOverHttpAndClosesTheStoreOnShutdown() throws Exception {
        String executionId = "boot-" + UUID.randomUUID();
        Checkpoint first = store.save(Checkpoint.builder(executionId).nodeName("plan")
                .state("{\"step\":1}".getBytes(StandardCharsets.UTF_8)).build());
        Checkpoint second = store.save(Checkpoint.builder(executionId).parentId(first.id()).nodeName("act")
                .state("{\"step\":2}".getBytes(StandardCharsets.UTF_8)).putMetadata("step", "2").build());

        assertThat(first.version()).isEqualTo(1);
        assertThat(store.load(first.id())).contains(first);
        assertThat(store.latest(executionId)).contains(second);
        assertThat(store.list(executionId)).containsExactly(first, second);

        JsonNode health = get("/actuator/health").path("components").path("checkpointStore");
        assertThat(health.path("status").asText()).as("checkpointStore health: %s", health).isEqualTo("UP");
        assertThat(health.path("details").path("backend").asText()).as("checkpointStore health: %s", health)
                .isEqualTo(storeUri().substring(0, storeUri().indexOf(':')));
        assertThat(health.toString()).doesNotContain("password");

        JsonNode saves = get("/actuator/metrics/checkpoint.store.operations?tag=operation:save&tag=outcome:success");
        assertThat(measurement(saves, "COUNT")).as("successful saves in %s", saves).isEqualTo(2.0);
        JsonNode loads = get("/actuator/metrics/checkpoint.store.operations?tag=operation:load");
        assertThat(measurement(loads, "COUNT")).as("loads in %s", loads).isEqualTo(1.0);

        usedStore = store;
        usedUri = storeUri();
        saved = List.of(first, second);
    }

    /** Called once the context is closed: the bean is closed, and what it saved is durable. */
    static void checkTheStoreIsClosed() throws Exception {
        try {
            assertThat(usedStore).as("the test ran").isNotNull();
            Checkpoint first = saved.get(0);
            assertThatThrownBy(() -> usedStore.load(first.id())).as("the store bean after shutdown")
                    .isInstanceOf(IllegalStateException.class);
            try (CheckpointStore reopened = CheckpointStores.open(usedUri)) {
                assertThat(reopened.list(first.executionId())).as("what the application saved, read after it stopped")
                        .isEqualTo(saved);
                reopened.clear(first.executionId());
            }
        } finally {
            usedStore = null;
            saved = List.of();
            TestDataCleanup deleteTestData = cleanup;
            cleanup = () -> { };
            deleteTestData.run();
        }
    }

    private JsonNode get(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("GET %s: %s", path, response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static double measurement(JsonNode metric, String statistic) {
        for (JsonNode m : metric.path("measurements")) {
            if (statistic.equals(m.path("statistic").asText())) {
                return m.path("value").asDouble();
            }
        }
        throw new AssertionError("no " + statistic + " in " + metric);
    }
}
