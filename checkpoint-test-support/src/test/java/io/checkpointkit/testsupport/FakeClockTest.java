package io.checkpointkit.testsupport;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class FakeClockTest {

    @Test
    void standsStillUntilMovedAndStartsAtTheDefaultStart() {
        FakeClock clock = new FakeClock();

        assertThat(clock.instant()).isEqualTo(FakeClock.DEFAULT_START).isEqualTo(clock.instant());
        assertThat(clock.millis()).isEqualTo(FakeClock.DEFAULT_START.toEpochMilli());
        assertThat(clock.getZone()).isEqualTo(ZoneOffset.UTC);
    }

    @Test
    void setAndAdvanceMoveTheTimeBothWays() {
        Instant start = Instant.parse("2024-01-01T00:00:00Z");
        FakeClock clock = new FakeClock(start);

        assertThat(clock.advance(Duration.ofHours(2))).isEqualTo(start.plus(Duration.ofHours(2)));
        assertThat(clock.instant()).isEqualTo(start.plus(Duration.ofHours(2)));
        clock.advance(Duration.ofMinutes(-30));
        assertThat(clock.instant()).isEqualTo(start.plus(Duration.ofMinutes(90)));
        clock.set(start.minusSeconds(1));
        assertThat(clock.instant()).isEqualTo(start.minusSeconds(1));
    }

    @Test
    void aViewInAnotherZoneSharesTheTime() {
        FakeClock clock = new FakeClock();
        ZoneId paris = ZoneId.of("Europe/Paris");

        Clock view = clock.withZone(paris);
        clock.advance(Duration.ofDays(1));

        assertThat(view.getZone()).isEqualTo(paris);
        assertThat(view.instant()).isEqualTo(clock.instant());
    }

    @Test
    void concurrentAdvancesAllCount() throws InterruptedException {
        FakeClock clock = new FakeClock();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            threads.add(new Thread(() -> {
                for (int i = 0; i < 1000; i++) {
                    clock.advance(Duration.ofMillis(1));
                }
            }));
        }
        threads.forEach(Thread::start);
        for (Thread thread : threads) {
            thread.join();
        }

        assertThat(clock.instant()).isEqualTo(FakeClock.DEFAULT_START.plusMillis(4000));
    }
}
