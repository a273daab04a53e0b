package io.checkpointkit;

import io.checkpointkit.Checkpoint;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The {@link Checkpoint} value and its builder (checkpoint-api). */
class CheckpointTest {

    @Test
    void defaultsAreAUuidV7IdNowEmptyNodeEmptyStateAndVersionZero() {
        Instant before = Instant.now().minusMillis(1);
        Checkpoint c = Checkpoint.builder("e").build();
        assertThat(UUID.fromString(c.id()).version()).isEqualTo(7);
        assertThat(c.timestamp()).isAfter(before).isBeforeOrEqualTo(Instant.now());
        assertThat(c.nodeName()).isEmpty();
        assertThat(c.state()).isEmpty();
        assertThat(c.metadata()).isEmpty();
        assertThat(c.parentId()).isNull();
        assertThat(c.version()).isZero();
        assertThat(c.pinned()).isFalse();
    }

    @Test
    void defaultIdsAreTimeOrdered() {
        Checkpoint first = Checkpoint.builder("e").build();
        Checkpoint second = Checkpoint.builder("e").build();
        assertThat(first.id()).isNotEqualTo(second.id());
        assertThat(first.id().compareTo(second.id())).isNegative();
    }

    @Test
    void timestampIsTruncatedToMicroseconds() {
        Checkpoint c = Checkpoint.builder("e").timestamp(Instant.parse("2026-01-01T00:00:00.123456789Z")).build();
        assertThat(c.timestamp()).isEqualTo(Instant.parse("2026-01-01T00:00:00.123456Z"));
    }

    @Test
    void timestampsOutsideTheLegalRangeAreRejected() {
        assertThatThrownBy(() -> Checkpoint.builder("e").timestamp(Instant.parse("+10000-01-01T00:00:00Z")).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("timestamp");
        assertThatThrownBy(() -> Checkpoint.builder("e").timestamp(Checkpoint.MIN_TIMESTAMP.minusNanos(1000)).build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(Checkpoint.builder("e").timestamp(Checkpoint.MAX_TIMESTAMP).build().timestamp())
                .isEqualTo(Checkpoint.MAX_TIMESTAMP);
    }

    @Test
    void stateIsCopiedInAndOut() {
        byte[] bytes = {1, 2, 3};
        Checkpoint c = Checkpoint.builder("e").state(bytes).build();
        bytes[0] = 9;
        c.state()[1] = 9;
        assertThat(c.state()).containsExactly(1, 2, 3);
        assertThat(c.stateSize()).isEqualTo(3);
    }

    @Test
    void equalityIsByValueIncludingStateBytes() {
        Instant t = Instant.parse("2026-01-01T00:00:00Z");
        Checkpoint a = Checkpoint.builder("e").id("x").timestamp(t).state(new byte[] {1}).build();
        Checkpoint same = Checkpoint.builder("e").id("x").timestamp(t).state(new byte[] {1}).build();
        Checkpoint otherState = a.toBuilder().state(new byte[] {2}).build();
        assertThat(a).isEqualTo(same).hasSameHashCodeAs(same).isNotEqualTo(otherState);
        assertThat(a.withVersion(3)).isNotEqualTo(a).extracting(Checkpoint::version).isEqualTo(3L);
        assertThat(a.withVersion(0)).isSameAs(a);
    }

    @Test
    void metadataIsCopiedUnmodifiableAndPutMetadataAddsOne() {
        Map<String, String> source = new HashMap<>(Map.of("a", "1"));
        Checkpoint c = Checkpoint.builder("e").metadata(source).putMetadata("b", "2").build();
        source.put("c", "3");
        assertThat(c.metadata()).containsOnlyKeys("a", "b");
        assertThatThrownBy(() -> c.metadata().put("d", "4")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void pinnedIsTheMetadataEntryPinnedTrue() {
        assertThat(Checkpoint.builder("e").pinned(true).build().metadata()).containsEntry(Checkpoint.PINNED_KEY, "true");
        assertThat(Checkpoint.builder("e").putMetadata("pinned", "true").build().pinned()).isTrue();
        assertThat(Checkpoint.builder("e").putMetadata("pinned", "yes").build().pinned()).isFalse();
        assertThat(Checkpoint.builder("e").pinned(true).pinned(false).build().pinned()).isFalse();
    }

    @Test
    void toBuilderKeepsEveryField() {
        Checkpoint c = Checkpoint.builder("e").id("x").parentId("p").nodeName("n").state(new byte[] {7})
                .putMetadata("k", "v").timestamp(Instant.parse("2026-01-01T00:00:00Z")).version(4).build();
        assertThat(c.toBuilder().build()).isEqualTo(c);
    }

    @Test
    void everyFieldIsValidatedAndTheMessageNamesIt() {
        assertThatThrownBy(() -> Checkpoint.builder(null)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("executionId");
        assertThatThrownBy(() -> Checkpoint.builder("").build()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("executionId");
        assertThatThrownBy(() -> Checkpoint.builder("e").id("a\u0007b").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("id");
        assertThatThrownBy(() -> Checkpoint.builder("e").parentId("x".repeat(513)).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("parentId");
        assertThatThrownBy(() -> Checkpoint.builder("e").nodeName("a\u0000").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nodeName");
        assertThatThrownBy(() -> Checkpoint.builder("e").putMetadata(" ", "v").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("blank");
        assertThatThrownBy(() -> Checkpoint.builder("e").putMetadata("k", "\uD800").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'k'");
        assertThatThrownBy(() -> Checkpoint.builder("e").putMetadata("k", null))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("'k'");
        assertThatThrownBy(() -> Checkpoint.builder("e").version(-1).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("version");
        assertThatThrownBy(() -> Checkpoint.builder("e").state(null)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("state");
    }

    @Test
    void orderIsTimestampThenIdByCodePoint() {
        Instant t = Instant.parse("2026-01-01T00:00:00Z");
        Checkpoint emoji = Checkpoint.builder("e").id("\uD83D\uDE00").timestamp(t).build();
        Checkpoint bmp = Checkpoint.builder("e").id("\uFFFF").timestamp(t).build();
        Checkpoint earlier = Checkpoint.builder("e").id("\uFFFF\uFFFF").timestamp(t.minusNanos(1000)).build();
        assertThat(Checkpoint.ORDER.compare(bmp, emoji)).isNegative();
        assertThat(Checkpoint.ORDER.compare(earlier, bmp)).isNegative();
    }

    @Test
    void toStringShowsTheStateSizeNotTheBytes() {
        Checkpoint c = Checkpoint.builder("e").id("x").state("secret".getBytes(java.nio.charset.StandardCharsets.UTF_8)).build();
        assertThat(c.toString()).contains("x", "6 bytes").doesNotContain("secret");
    }
}
