package io.checkpointkit.testsupport;

import io.checkpointkit.spi.Arguments;
import io.checkpointkit.spi.Durations;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The shape every fault suite shares: start a {@link FaultWorkload}, let it warm up, then a number
 * of rounds of "some load, the fault, time until the store serves again", then stop and verify.
 *
 * <pre>{@code
 * FaultRounds.Result result = FaultRounds.builder().rounds(3).build()
 *         .run(workload, round -> proxy.reset());
 * result.report().assertNoViolations();
 * System.out.println(result.figures("RESET"));
 * }</pre>
 */
public final class FaultRounds {

    /** Injects the fault of one round; returns once the fault is over (or, for a cut, done). */
    @FunctionalInterface
    public interface Fault {
        /**
         * @param round the round, from 0
         * @throws Exception anything; it ends the run and is rethrown by {@link #run}
         */
        void inject(int round) throws Exception;
    }

    /**
     * What a run did.
     *
     * @param report the workload's report after the last round
     * @param servedAgainAfter per round, how long the store took to serve again after the fault
     * @param elapsed the whole run, warm-up and verification included
     */
    public record Result(WorkloadReport report, List<Duration> servedAgainAfter, Duration elapsed) {
        public Result {
            Objects.requireNonNull(report, "report must not be null");
            servedAgainAfter = List.copyOf(servedAgainAfter);
            Objects.requireNonNull(elapsed, "elapsed must not be null");
        }

        /** One line for a test log or a README: the fault, the report, the times to serve again. */
        public String figures(String fault) {
            return String.format("FAULT %-20s ×%d  %5.1f s  %s  served again after %s", fault,
                    servedAgainAfter.size(), elapsed.toMillis() / 1e3, report,
                    servedAgainAfter.stream().map(d -> d.toMillis() + " ms").toList());
        }
    }

    private final int rounds;
    private final Duration warmUp;
    private final Duration loadBeforeFault;
    private final Duration serveAgainWithin;

    private FaultRounds(Builder b) {
        this.rounds = b.rounds;
        this.warmUp = b.warmUp;
        this.loadBeforeFault = b.loadBeforeFault;
        this.serveAgainWithin = b.serveAgainWithin;
    }

    /** @return a builder with 3 rounds, 1 s of warm-up, 400 ms of load before each fault, 30 s to serve again */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Starts the workload, runs the rounds, stops it (also when a round fails) and verifies.
     *
     * @param workload a workload not yet started
     * @param fault what each round injects
     * @return the report and the times
     * @throws AssertionError if the store did not serve again within the limit after a round, or
     *     could not be read back
     * @throws Exception what {@code fault} threw
     */
    public Result run(FaultWorkload workload, Fault fault) throws Exception {
        List<Duration> servedAgainAfter = new ArrayList<>();
        long started = System.nanoTime();
        workload.start();
        try {
            Thread.sleep(warmUp.toMillis());
            for (int round = 0; round < rounds; round++) {
                Thread.sleep(loadBeforeFault.toMillis());
                fault.inject(round);
                servedAgainAfter.add(workload.awaitServing(serveAgainWithin));
            }
        } finally {
            workload.stop();
        }
        WorkloadReport report = workload.verify(serveAgainWithin);
        return new Result(report, servedAgainAfter, Duration.ofNanos(System.nanoTime() - started));
    }

    /** Builds {@link FaultRounds}. */
    public static final class Builder {

        private int rounds = 3;
        private Duration warmUp = Duration.ofSeconds(1);
        private Duration loadBeforeFault = Duration.ofMillis(400);
        private Duration serveAgainWithin = Duration.ofSeconds(30);

        private Builder() {
        }

        /**
         * How many times the fault is injected, 1 or more; default 3.
         *
         * @param rounds how many times the fault is injected, 1 or more; default 3
         * @return this builder
         * @throws IllegalArgumentException if less than 1
         */
        public Builder rounds(int rounds) {
            this.rounds = Arguments.requireAtLeast(rounds, 1, "rounds");
            return this;
        }

        /**
         * How long the load runs before the first round (pools grow, code warms up), 0 or more;
         * default 1 s.
         *
         * @param warmUp load before the first round (pools grow, code warms up); default 1 s
         * @return this builder
         * @throws NullPointerException if null
         * @throws IllegalArgumentException if negative
         */
        public Builder warmUp(Duration warmUp) {
            this.warmUp = requireNotNegative(warmUp, "warmUp");
            return this;
        }

        /**
         * How long the load runs before each fault, 0 or more; default 400 ms.
         *
         * @param loadBeforeFault load before each fault; default 400 ms
         * @return this builder
         * @throws NullPointerException if null
         * @throws IllegalArgumentException if negative
         */
        public Builder loadBeforeFault(Duration loadBeforeFault) {
            this.loadBeforeFault = requireNotNegative(loadBeforeFault, "loadBeforeFault");
            return this;
        }

        /**
         * How long the store may take to serve again after a fault, and to be read back at the
         * end, 0 or more; default 30 s.
         *
         * @param serveAgainWithin how long the store may take to serve again after a fault, and
         *     to be read back at the end; default 30 s
         * @return this builder
         * @throws NullPointerException if null
         * @throws IllegalArgumentException if negative
         */
        public Builder serveAgainWithin(Duration serveAgainWithin) {
            this.serveAgainWithin = requireNotNegative(serveAgainWithin, "serveAgainWithin");
            return this;
        }

        /** @return the rounds */
        public FaultRounds build() {
            return new FaultRounds(this);
        }

        private static Duration requireNotNegative(Duration value, String name) {
            return Durations.requireBetween(value, Duration.ZERO, Durations.MAX, name);
        }
    }
}
