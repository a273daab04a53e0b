package io.checkpointkit;

import io.checkpointkit.Checkpoint;
import io.checkpointkit.CheckpointQuery;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link CheckpointQuery#apply}, the reference semantics every backend follows (checkpoint-api). */
class CheckpointQueryTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    /** c0..c5 in order; even ones have kind=even. */
    private static final List<Checkpoint> ASCENDING = build();

    private static List<Checkpoint> build() {
        List<Checkpoint> list = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            list.add(Checkpoint.builder("e").id("c" + i).timestamp(T0.plusSeconds(i))
                    .putMetadata("kind", i % 2 == 0 ? "even" : "odd").putMetadata("n", "x").build());
        }
        return list;
    }

    private static List<String> ids(CheckpointQuery.Builder query) {
        return query.build().apply(ASCENDING).stream().map(Checkpoint::id).toList();
    }

    @Test
    void allReturnsEverythingInOrder() {
        assertThat(CheckpointQuery.all().isAll()).isTrue();
        assertThat(CheckpointQuery.builder().build()).isEqualTo(CheckpointQuery.all());
        assertThat(CheckpointQuery.all().apply(ASCENDING)).isEqualTo(ASCENDING);
    }

    @Test
    void limitCutsAfterOrderingAndZeroReturnsNothing() {
        assertThat(ids(CheckpointQuery.builder().limit(2))).containsExactly("c0", "c1");
        assertThat(ids(CheckpointQuery.builder().limit(2).newestFirst(true))).containsExactly("c5", "c4");
        assertThat(ids(CheckpointQuery.builder().limit(0))).isEmpty();
        assertThat(ids(CheckpointQuery.builder().limit(100))).hasSize(6);
    }

    @Test
    void cursorsAreExclusiveAndMeanLaterAndEarlierWhateverTheDirection() {
        assertThat(ids(CheckpointQuery.builder().after("c1").before("c4"))).containsExactly("c2", "c3");
        assertThat(ids(CheckpointQuery.builder().after("c1").before("c4").newestFirst(true)))
                .containsExactly("c3", "c2");
        assertThat(ids(CheckpointQuery.builder().after("c3").newestFirst(true).limit(1))).containsExactly("c5");
        assertThat(ids(CheckpointQuery.builder().before("c3").newestFirst(true).limit(2))).containsExactly("c2", "c1");
        assertThat(ids(CheckpointQuery.builder().after("c4").before("c1"))).isEmpty();
        assertThat(ids(CheckpointQuery.builder().after("c2").before("c2"))).isEmpty();
    }

    @Test
    void aCursorThatIsNotInTheListSelectsNothing() {
        assertThat(ids(CheckpointQuery.builder().after("missing"))).isEmpty();
        assertThat(ids(CheckpointQuery.builder().before("missing"))).isEmpty();
    }

    @Test
    void metadataFilterSelectsBeforeTheLimitCuts() {
        assertThat(ids(CheckpointQuery.builder().metadata("kind", "odd").limit(2))).containsExactly("c1", "c3");
        assertThat(ids(CheckpointQuery.builder().metadata("kind", "even").metadata("n", "x").newestFirst(true)))
                .containsExactly("c4", "c2", "c0");
        assertThat(ids(CheckpointQuery.builder().metadata("kind", "even").metadata("n", "y"))).isEmpty();
        assertThat(ids(CheckpointQuery.builder().metadata("absent", "x"))).isEmpty();
    }

    @Test
    void builderRejectsBadArgumentsAtOnce() {
        assertThatThrownBy(() -> CheckpointQuery.builder().limit(-1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("limit");
        assertThatThrownBy(() -> CheckpointQuery.builder().after("a\nb"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("after");
        assertThatThrownBy(() -> CheckpointQuery.builder().before(null))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("before");
        assertThatThrownBy(() -> CheckpointQuery.builder().metadata(" ", "v"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("blank");
        assertThatThrownBy(() -> CheckpointQuery.all().apply(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void applyReturnsANewMutableList() {
        List<Checkpoint> result = CheckpointQuery.builder().limit(1).build().apply(ASCENDING);
        result.clear();
        assertThat(ASCENDING).hasSize(6);
    }
}
