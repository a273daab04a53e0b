/**
 * Spring Boot auto-configuration of CheckpointKit: a {@code CheckpointStore} bean from
 * {@code checkpointkit.*} properties, a scheduled retention sweep, the {@code checkpointStore}
 * health indicator and Micrometer metrics. Users set properties; the public types here are the
 * properties class, the auto-configuration and the start-up failure analysis.
 */
package io.checkpointkit.springboot.autoconfigure;
