package io.checkpointkit.micrometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.Tags;

import org.junit.jupiter.api.Test;

class MeteringConfigTest {

    @Test
    void defaultsAreTheDocumentedOnes() {
        MeteringConfig defaults = MeteringConfig.defaults();
        assertThat(defaults.storeName()).isEqualTo(MeteringConfig.DEFAULT_STORE_NAME);
        assertThat(defaults.metricName()).isEqualTo(MeteringConfig.DEFAULT_METRIC_NAME);
        assertThat(defaults.tags()).isEqualTo(Tags.empty());
        assertThat(defaults.percentiles()).isEmpty();
        assertThat(defaults.percentileHistogram()).isFalse();
    }

    @Test
    void toBuilderKeepsEverySettingItDoesNotChange() {
        MeteringConfig config = MeteringConfig.builder().storeName("orders").metricName("m")
                .tags(Tags.of("region", "eu")).publishPercentiles(0.5, 0.99).publishPercentileHistogram(true).build();

        MeteringConfig changed = config.toBuilder().storeName("invoices").build();

        assertThat(changed.storeName()).isEqualTo("invoices");
        assertThat(changed.metricName()).isEqualTo("m");
        assertThat(changed.tags()).isEqualTo(Tags.of("region", "eu"));
        assertThat(changed.percentiles()).containsExactly(0.5, 0.99);
        assertThat(changed.percentileHistogram()).isTrue();
        assertThat(config.storeName()).isEqualTo("orders");
    }

    @Test
    void percentilesAreCopiedInAndOut() {
        double[] given = {0.5};
        MeteringConfig config = MeteringConfig.builder().publishPercentiles(given).build();
        given[0] = 0.9;
        config.percentiles()[0] = 0.1;
        assertThat(config.percentiles()).containsExactly(0.5);
    }

    @Test
    void settersNameTheFieldTheyRefuse() {
        assertThatThrownBy(() -> MeteringConfig.builder().metricName(""))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("metricName must not be blank");
        assertThatThrownBy(() -> MeteringConfig.builder().publishPercentiles(-0.1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("percentiles");
        assertThatThrownBy(() -> MeteredCheckpointStore.wrap(null, null, MeteringConfig.defaults()))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("store");
    }
}
