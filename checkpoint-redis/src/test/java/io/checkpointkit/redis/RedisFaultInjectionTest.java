package io.checkpointkit.redis;

import io.checkpointkit.testsupport.FaultProxy;
import io.checkpointkit.testsupport.FaultRounds;
import io.checkpointkit.testsupport.FaultWorkload;
import io.checkpointkit.testsupport.LocalRedisProcess;
import io.checkpointkit.testsupport.WorkloadReport;
import io.lettuce.core.KillArgs;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.output.StatusOutput;
import io.lettuce.core.protocol.CommandArgs;
import io.lettuce.core.protocol.CommandType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fault-injection suite on standalone Redis: six threads save, update (compare-and-set),
 * trim, delete and read through one store while a fault is injected three times; then every
 * invariant of {@link FaultWorkload} is checked (no acknowledged write lost, nothing stored that
 * was not written, one compare-and-set winner per version, no id in two executions, no delete
 * undone) and, after each fault, the same store must serve again without being reopened.
 *
 * <p>The server is a {@code redis-server} this test starts on a free loopback port (never the
 * shared one), so it may kill every client but its own and put the server to sleep. The faults:
 * a {@link FaultProxy} between the store and the server cuts (FIN), resets (RST), stalls (longer
 * than the store's timeout) and refuses connections; {@code CLIENT KILL} of the store's
 * connections; {@code DEBUG SLEEP} longer than the store's timeout. Each fault class gets a fresh
 * store and key prefix. The figures are printed (one line per fault, prefixed {@code FAULT}) and
 * quoted in the README.
 */
class RedisFaultInjectionTest {

    private static final int ROUNDS = 3;
    private static final Duration FAULT_LENGTH = Duration.ofMillis(1500);
    private static final Duration SERVE_AGAIN_WITHIN = Duration.ofSeconds(30);
    private static final List<String> FIGURES = new ArrayList<>();

    private static LocalRedisProcess server;
    private static RedisClient adminClient;
    private static StatefulRedisConnection<String, String> admin;

    enum Fault {
        CUT("proxy cuts every connection (FIN)"),
        RESET("proxy resets every connection (RST)"),
        STALL("proxy stalls every connection 1.5 s (timeout 1 s)"),
        REFUSE("proxy refuses connections for 1.5 s"),
        CLIENT_KILL("CLIENT KILL of the store's connections"),
        DEBUG_SLEEP("DEBUG SLEEP 1.5 s (timeout 1 s)");

        final String description;

        Fault(String description) {
            this.description = description;
        }
    }

    @BeforeAll
    static void startServer() throws IOException {
        server = LocalRedisProcess.start(Files.createTempDirectory("ckpt-redis-fault"), "--enable-debug-command", "local");
        adminClient = RedisClient.create(RedisURI.Builder.redis("127.0.0.1", server.port())
                .withTimeout(Duration.ofSeconds(10)).build());
        admin = adminClient.connect();
    }

    @AfterAll
    static void stopServerAndPrintFigures() {
        admin.close();
        adminClient.shutdown();
        server.close();
        FIGURES.forEach(System.out::println);
    }

    @ParameterizedTest
    @EnumSource(Fault.class)
    void noAcknowledgedWriteIsLostAndTheSameStoreServesAgain(Fault fault) throws Exception {
        try (FaultProxy proxy = FaultProxy.start("127.0.0.1", server.port());
             RedisCheckpointStore store = RedisCheckpointStore.builder("redis://127.0.0.1:" + proxy.port()
                     + "?timeout=1s&connectTimeout=500ms&prefix=" + RedisTestServers.newPrefix()).build()) {
            FaultWorkload workload = FaultWorkload.builder(store).threads(6).build();
            AtomicLong killed = new AtomicLong();
            FaultRounds.Result result = FaultRounds.builder().rounds(ROUNDS).serveAgainWithin(SERVE_AGAIN_WITHIN).build()
                    .run(workload, round -> {
                        switch (fault) {
                            case CUT -> proxy.cut();
                            case RESET -> proxy.reset();
                            case STALL -> proxy.stallFor(FAULT_LENGTH);
                            case REFUSE -> proxy.refuseFor(FAULT_LENGTH);
                            // The server is this test's own: its only other clients are the store's.
                            case CLIENT_KILL -> killed.addAndGet(admin.sync().clientKill(KillArgs.Builder.typeNormal().skipme()));
                            case DEBUG_SLEEP -> admin.sync().dispatch(CommandType.DEBUG, new StatusOutput<>(StringCodec.UTF8),
                                    new CommandArgs<>(StringCodec.UTF8).add("SLEEP").add(FAULT_LENGTH.toMillis() / 1000.0));
                        }
                    });
            WorkloadReport report = result.report();
            FIGURES.add(result.figures(fault + " " + fault.description));

            report.assertNoViolations();
            assertThat(report.lostAcknowledgedWrites()).isZero();
            assertThat(report.acknowledgedWrites()).isPositive();
            if (fault == Fault.CLIENT_KILL) {
                assertThat(killed.get()).isGreaterThanOrEqualTo(ROUNDS);
            }
        }
    }
}
