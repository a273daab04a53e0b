package io.checkpointkit.springboot.autoconfigure;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/** The {@code checkpointStore} health indicator on Boot 4 (spring-boot-health's HealthIndicator). */
final class Boot4HealthIndicator implements HealthIndicator {

    private final CheckpointStoreHealth health;

    Boot4HealthIndicator(CheckpointStoreHealth health) {
        this.health = health;
    }

    @Override
    public Health health() {
        CheckpointStoreHealth.Report report = health.check();
        return (report.up() ? Health.up() : Health.down()).withDetails(report.details()).build();
    }
}
