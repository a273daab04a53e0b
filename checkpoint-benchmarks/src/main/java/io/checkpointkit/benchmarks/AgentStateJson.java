package io.checkpointkit.benchmarks;

import java.nio.charset.StandardCharsets;
import java.util.Random;

/**
 * A deterministic, realistic agent state for the compression benchmarks: the JSON of a chat
 * history with tool calls, as LangGraph-style agents checkpoint it. A system prompt, then turns
 * of a user question, an assistant message calling a tool (random call ids, JSON arguments), the
 * tool's result (search hits with titles, URLs, snippets, scores, UUIDs and timestamps) and an
 * assistant answer. Prose is drawn from a Zipf-distributed vocabulary of 2,000 invented words,
 * so it compresses like natural text, not like a repeated string; ids and numbers are random.
 */
public final class AgentStateJson {

    private static final String[] TOOLS = {"web_search", "fetch_url", "run_sql", "read_file",
            "calendar_lookup", "send_email", "vector_search", "python_exec"};
    private static final String ALPHANUMERIC = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    private static final String[] SYLLABLES = {"ka", "lo", "mi", "re", "sa", "tu", "ven", "dor", "al", "in",
            "ter", "pro", "con", "ex", "ment", "tion", "able", "ing", "ed", "er", "um", "ol", "ast", "bri"};

    private final Random random;
    private final String[] vocabulary = new String[2000];
    private final double[] cumulative = new double[2000];

    private AgentStateJson(long seed) {
        random = new Random(seed);
        double sum = 0;
        for (int i = 0; i < vocabulary.length; i++) {
            StringBuilder word = new StringBuilder();
            for (int s = 0, n = 1 + random.nextInt(3); s < n; s++) {
                word.append(SYLLABLES[random.nextInt(SYLLABLES.length)]);
            }
            vocabulary[i] = word.toString();
            sum += 1.0 / (i + 1);
            cumulative[i] = sum;
        }
        for (int i = 0; i < cumulative.length; i++) {
            cumulative[i] /= sum;
        }
    }

    /**
     * A chat-history state of exactly {@code bytes} bytes of UTF-8 JSON (whitespace pads the end).
     *
     * @param bytes the size, at least 512
     * @param seed the seed: equal seeds give equal states
     * @return the state
     */
    public static byte[] of(int bytes, long seed) {
        return new AgentStateJson(seed).build(bytes).getBytes(StandardCharsets.UTF_8);
    }

    private String build(int bytes) {
        String tail = "]}";
        StringBuilder json = new StringBuilder(bytes + 64);
        json.append("{\"thread_id\":\"").append(uuid()).append("\",\"step\":0,\"messages\":[")
                .append("{\"role\":\"system\",\"content\":\"").append(prose(60)).append("\"}");
        int turn = 0;
        while (true) {
            String next = turn(turn++);
            if (json.length() + next.length() + tail.length() > bytes) {
                break;
            }
            json.append(next);
        }
        json.append(" ".repeat(bytes - json.length() - tail.length())).append(tail);
        return json.toString();
    }

    private String turn(int turn) {
        String callId = "call_" + token(24);
        String tool = TOOLS[random.nextInt(TOOLS.length)];
        StringBuilder t = new StringBuilder();
        t.append(",{\"role\":\"user\",\"content\":\"").append(prose(10 + random.nextInt(40))).append("\"}");
        t.append(",{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"id\":\"").append(callId)
                .append("\",\"type\":\"function\",\"function\":{\"name\":\"").append(tool)
                .append("\",\"arguments\":\"{\\\"query\\\":\\\"").append(prose(4 + random.nextInt(6)))
                .append("\\\",\\\"limit\\\":").append(1 + random.nextInt(10)).append("}\"}}]}");
        t.append(",{\"role\":\"tool\",\"tool_call_id\":\"").append(callId).append("\",\"name\":\"").append(tool)
                .append("\",\"content\":\"[");
        for (int hit = 0, hits = 2 + random.nextInt(4); hit < hits; hit++) {
            t.append(hit == 0 ? "" : ",").append("{\\\"id\\\":\\\"").append(uuid())
                    .append("\\\",\\\"title\\\":\\\"").append(prose(3 + random.nextInt(6)))
                    .append("\\\",\\\"url\\\":\\\"https://").append(word()).append(".example.com/").append(word())
                    .append('/').append(random.nextInt(100_000)).append("\\\",\\\"score\\\":")
                    .append(String.format(java.util.Locale.ROOT, "%.4f", random.nextDouble())).append(",\\\"fetched_at\\\":\\\"2026-")
                    .append(String.format(java.util.Locale.ROOT, "%02d-%02dT%02d:%02d:%02dZ", 1 + random.nextInt(12), 1 + random.nextInt(28),
                            random.nextInt(24), random.nextInt(60), random.nextInt(60)))
                    .append("\\\",\\\"snippet\\\":\\\"").append(prose(20 + random.nextInt(40))).append("\\\"}");
        }
        t.append("]\"}");
        t.append(",{\"role\":\"assistant\",\"content\":\"").append(prose(30 + random.nextInt(120)))
                .append("\",\"usage\":{\"prompt_tokens\":").append(random.nextInt(50_000))
                .append(",\"completion_tokens\":").append(random.nextInt(2_000)).append("},\"turn\":").append(turn)
                .append('}');
        return t.toString();
    }

    private String prose(int words) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < words; i++) {
            s.append(i == 0 ? "" : random.nextInt(12) == 0 ? ". " : " ").append(word());
        }
        return s.append('.').toString();
    }

    private String word() {
        double u = random.nextDouble();
        int low = 0;
        int high = cumulative.length - 1;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (cumulative[mid] < u) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return vocabulary[low];
    }

    private String token(int length) {
        StringBuilder s = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            s.append(ALPHANUMERIC.charAt(random.nextInt(ALPHANUMERIC.length())));
        }
        return s.toString();
    }

    private String uuid() {
        return new java.util.UUID(random.nextLong(), random.nextLong()).toString();
    }
}
