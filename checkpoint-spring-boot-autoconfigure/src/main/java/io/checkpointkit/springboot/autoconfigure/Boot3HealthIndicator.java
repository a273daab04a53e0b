package io.checkpointkit.springboot.autoconfigure;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

/** The {@code checkpointStore} health indicator on Boot 3 (spring-boot-actuator's HealthIndicator). */
final class Boot3HealthIndicator implements HealthIndicator {

    private final CheckpointStoreHealth health;

    Boot3HealthIndicator(CheckpointStoreHealth health) {
        this.health = health;
    }

    @Override
    public Health health() {
        CheckpointStoreHealth.Report report = health.check();
        return (report.up() ? Health.up() : Health.down()).withDetails(report.details()).build();
    }
}
