package io.checkpointkit.examples.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The example as a newcomer uses it, over real HTTP: a run stops before {@code send}; the
 * application stops; a new application over the same SQLite file resumes the run and finishes it.
 * Also the answers for an unknown thread (404), an illegal thread id (400) and a finished run (409).
 */
class AgentApplicationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path directory;

    @Test
    void runStopsForApprovalAndResumesInANewApplicationOverTheSameFile() throws Exception {
        String database = "sqlite:" + directory.resolve("agent.db");

        try (ConfigurableApplicationContext first = start(database)) {
            JsonNode started = send(first, "POST", "/threads/order-42?question=refund", 200);
            assertThat(texts(started.get("steps"))).containsExactly("triage: refund", "draft: an answer to refund");
            assertThat(started.get("waitingBefore").asText()).isEqualTo("send");
            assertThat(started.get("done").asBoolean()).isFalse();
            assertThat(started.get("checkpoints").asInt()).isPositive();
            send(first, "GET", "/threads/unknown-thread", 404);
            JsonNode refused = send(first, "POST", "/threads/" + "x".repeat(513), 400); // longer than an id may be
            assertThat(refused.get("error").asText()).contains("512");
        }

        try (ConfigurableApplicationContext second = start(database)) {
            JsonNode waiting = send(second, "GET", "/threads/order-42", 200);
            assertThat(waiting.get("waitingBefore").asText()).as("read back after the restart").isEqualTo("send");

            JsonNode resumed = send(second, "POST", "/threads/order-42/resume", 200);
            assertThat(texts(resumed.get("steps")))
                    .containsExactly("triage: refund", "draft: an answer to refund", "send: approved and sent");
            assertThat(resumed.get("done").asBoolean()).isTrue();
            assertThat(resumed.get("checkpoints").asInt()).isGreaterThan(waiting.get("checkpoints").asInt());

            send(second, "POST", "/threads/order-42/resume", 409);
            JsonNode health = send(second, "GET", "/actuator/health", 200);
            assertThat(health.path("components").path("checkpointStore").path("status").asText()).isEqualTo("UP");
        }
    }

    private static ConfigurableApplicationContext start(String storeUri) {
        return new SpringApplicationBuilder(AgentApplication.class)
                .run("--server.port=0", "--checkpointkit.store.uri=" + storeUri);
    }

    private static JsonNode send(ConfigurableApplicationContext app, String method, String path, int expectedStatus)
            throws IOException, InterruptedException {
        int port = ((WebServerApplicationContext) app).getWebServer().getPort();
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("%s %s: %s", method, path, response.body()).isEqualTo(expectedStatus);
        return response.body().isEmpty() ? JSON.nullNode() : JSON.readTree(response.body());
    }

    private static List<String> texts(JsonNode array) {
        return java.util.stream.StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
    }
}
