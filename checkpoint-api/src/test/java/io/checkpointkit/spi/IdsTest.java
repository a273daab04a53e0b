package io.checkpointkit.spi;

import io.checkpointkit.spi.Ids;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link Ids} (checkpoint-api). */
class IdsTest {

    @Test
    void hostileButLegalIdsAreAccepted() {
        for (String id : List.of("'", "\"", "{}", ":", "/", "..", "%", "*", "a b", "\uD83D\uDE80",
                "'; DROP TABLE t; --", "{ckpt}:x", "x".repeat(512), "\uD83D\uDE80".repeat(512))) {
            assertThat(Ids.requireValid(id, "id")).isSameAs(id);
        }
    }

    @Test
    void lengthIsCountedInCodePoints() {
        assertThatThrownBy(() -> Ids.requireValid("x".repeat(513), "id"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at most 512").hasMessageContaining("513");
        assertThatThrownBy(() -> Ids.requireValid("\uD83D\uDE80".repeat(513), "id"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void illegalIdsAreRejectedNamingTheArgument() {
        assertThatThrownBy(() -> Ids.requireValid(null, "executionId"))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("executionId");
        assertThatThrownBy(() -> Ids.requireValid("", "executionId"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("executionId must not be empty");
        for (String bad : List.of("a\nb", "\t", "a\u0000", "\u007F", "\u0085x")) {
            assertThatThrownBy(() -> Ids.requireValid(bad, "id"))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("control");
        }
        assertThatThrownBy(() -> Ids.requireValid("a\uD800", "id"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("surrogate");
        assertThatThrownBy(() -> Ids.requireValid("\uDC00a", "id"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("surrogate");
    }

    @Test
    void compareIsCodePointOrderNotStringCompareTo() {
        String bmp = "\uFFFF";
        String emoji = "\uD83D\uDE00";
        assertThat(bmp.compareTo(emoji)).isPositive(); // what Ids.compare must not do
        assertThat(Ids.compare(bmp, emoji)).isNegative();
        assertThat(Ids.compare("a", "ab")).isNegative();
        assertThat(Ids.compare("ab", "a")).isPositive();
        assertThat(Ids.compare(emoji, emoji)).isZero();
        List<String> ids = new ArrayList<>(List.of("b", emoji, "a", bmp, "A", "\u00E9"));
        ids.sort(Ids::compare);
        assertThat(ids).containsExactly("A", "a", "b", "\u00E9", bmp, emoji);
    }
}
