package io.checkpointkit.micrometer;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** checkpoint-preloader is a provided dependency: only PreloaderMetrics may refer to it. */
class PreloaderIsOptionalTest {

    @Test
    void onlyPreloaderMetricsRefersToThePreloader() throws IOException {
        for (Class<?> type : List.of(MeteredCheckpointStore.class, MeteringConfig.class, MeteringConfig.Builder.class,
                AutoTrimMetrics.class, CircuitBreakerMetrics.class, Outcome.class)) {
            assertThat(classFile(type)).as(type.getName()).doesNotContain("io/checkpointkit/preloader");
        }
        assertThat(classFile(PreloaderMetrics.class)).contains("io/checkpointkit/preloader");
    }

    private static String classFile(Class<?> type) throws IOException {
        String name = type.getName().substring(type.getPackageName().length() + 1) + ".class";
        try (InputStream in = type.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }
}
