package io.checkpointkit.spi;

import io.checkpointkit.spi.StoreUri;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link StoreUri} (checkpoint-api). */
class StoreUriTest {

    private static StoreUri parse(String uri) {
        return StoreUri.parse(uri, Map.of());
    }

    @Test
    void parsesTheHierarchicalForm() {
        StoreUri uri = parse("PostgreSQL://app:s%40cret@db.example:5432/checkpoints?table=cp&poolSize=8");
        assertThat(uri.scheme()).isEqualTo("postgresql");
        assertThat(uri.hierarchical()).isTrue();
        assertThat(uri.user()).contains("app");
        assertThat(uri.password()).contains("s@cret");
        assertThat(uri.hosts()).containsExactly(new StoreUri.Host("db.example", 5432));
        assertThat(uri.path()).isEqualTo("/checkpoints");
        assertThat(uri.options()).containsExactly(Map.entry("table", "cp"), Map.entry("poolSize", "8"));
        assertThat(uri.intOption("poolSize", 4, 1, 100)).isEqualTo(8);
        assertThat(uri.intOption("absent", 4, 1, 100)).isEqualTo(4);
    }

    @Test
    void parsesSeveralHostsAndIpv6() {
        StoreUri uri = parse("redis-cluster://h1:7000,h2,[::1]:7002?prefix=ckpt");
        assertThat(uri.hosts()).containsExactly(new StoreUri.Host("h1", 7000), new StoreUri.Host("h2", -1),
                new StoreUri.Host("::1", 7002));
        assertThat(uri.hosts().get(1).portOr(6379)).isEqualTo(6379);
        assertThat(uri.hosts().get(2)).hasToString("[::1]:7002");
        assertThat(uri.user()).isEmpty();
        assertThat(uri.path()).isEmpty();
    }

    @Test
    void parsesTheOpaqueForm() {
        StoreUri uri = parse("sqlite:./data/sessions%3F.db?layout=per-execution&timeout=2s");
        assertThat(uri.hierarchical()).isFalse();
        assertThat(uri.path()).isEqualTo("./data/sessions?.db");
        assertThat(uri.hosts()).isEmpty();
        assertThat(uri.durationOption("timeout", Duration.ZERO)).isEqualTo(Duration.ofSeconds(2));
        assertThat(parse("memory:").path()).isEmpty();
        assertThat(parse("sqlite:a+b").path()).isEqualTo("a+b");
    }

    @Test
    void extraOptionsAreAddedAndWin() {
        StoreUri uri = StoreUri.parse("redis://h?ttl=1d&prefix=a", Map.of("prefix", "b", "password", "pw"));
        assertThat(uri.options()).containsEntry("prefix", "b").containsEntry("ttl", "1d").containsEntry("password", "pw");
        assertThat(uri.toString()).doesNotContain("pw").contains("password=****");
    }

    @Test
    void toStringMasksThePassword() {
        StoreUri uri = parse("postgresql://app:hunter2@db:5432/x?poolSize=2");
        assertThat(uri.toString()).isEqualTo("postgresql://app:****@db:5432/x?poolSize=2");
        assertThat(parse("postgresql://app@db/x")).hasToString("postgresql://app@db/x");
    }

    @Test
    void malformedUrisSayWhatIsWrongWithoutThePassword() {
        Map<String, String> cases = Map.of(
                "postgresql://app:hunter2@db:99999/x", "99999",
                "postgresql://app:hunter2@db:port/x", "not a number",
                "postgresql://app:hunter2@db,/x", "host is empty",
                "postgresql://app:hunter2@db/x#frag", "fragment",
                "postgresql://app:hunter2@db/x?a=1&a=2", "given twice",
                "postgresql://app:hunter2@db/x?a=%zz", "percent-encoding",
                "postgresql://app:hunter2@[::1/x", "']'",
                "://app:hunter2@db", "scheme");
        cases.forEach((uri, why) -> assertThatThrownBy(() -> parse(uri))
                .as(uri).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("malformed store URI").hasMessageContaining(why)
                .hasMessageNotContaining("hunter2"));
    }

    @Test
    void aPasswordHoldingAnUnencodedAtSignIsMaskedWhole() {
        assertThat(StoreUri.parse("postgresql://app:hun@ter2@db:5432/x", Map.of()).password()).contains("hun@ter2");
        assertThatThrownBy(() -> parse("postgresql://app:hun@ter2@db:99999/x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("postgresql://app:****@db:99999/x")
                .hasMessageNotContaining("ter2");
        assertThat(StoreUri.redact("redis://:hun@ter2@h:1/0")).isEqualTo("redis://:****@h:1/0");
    }

    @Test
    void aPercentEncodingThatDoesNotDecodeNamesWhereItIsNeverItsText() {
        Map<String, String> cases = Map.of(
                "postgresql://app:Sup3rSecret%4@host/db", "in the password",
                "postgresql://app:Sup3rSecret%zz@host/db", "in the password",
                "postgresql://Sup3rSecret%4:pw@host/db", "in the user",
                "postgresql://host/db?password=Sup3rSecret%4", "in option 'password'",
                "postgresql://host/db?x=1&password=Sup3rSecret%G1", "in option 'password'");
        cases.forEach((uri, where) -> assertThatThrownBy(() -> parse(uri))
                .as(uri).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("percent-encoding " + where)
                .hasMessageNotContaining("Sup3r").hasMessageNotContaining("Secret"));
    }

    @Test
    void aRawSlashQuestionMarkOrHashInTheUserInfoIsRejectedWithTheUserInfoMasked() {
        Map<String, String> cases = Map.of(
                "postgresql://app:Sup3r/Secret@host/db", "postgresql://app:****@host/db",
                "postgresql://app:Sup3r/ss#Secret@host/db", "postgresql://app:****@host/db",
                "redis://:Sup3r?Secret@host:6379/0", "redis://:****@host:6379/0",
                "redis-cluster://:Sup3r#Secret@h1:7000,h2:7001?prefix=p", "redis-cluster://:****@h1:7000,h2:7001",
                "postgresql://Sup3r/user:Secret@host/db", "postgresql://****@host/db",
                "redis://:Sup3r?x=1&password=Secret@host", "redis://:****@host");
        cases.forEach((uri, masked) -> {
            assertThatThrownBy(() -> parse(uri))
                    .as(uri).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(masked).hasMessageContaining("percent-encode")
                    .hasMessageNotContaining("Sup3r").hasMessageNotContaining("Secret");
            assertThat(StoreUri.redact(uri)).as(uri).startsWith(masked)
                    .doesNotContain("Sup3r").doesNotContain("Secret");
        });
        // Percent-encoded, the same passwords are read right.
        assertThat(parse("postgresql://app:Sup3r%2Fss%23Secret@host/db").password()).contains("Sup3r/ss#Secret");
        assertThat(parse("redis://:Sup3r%3FSecret@host").password()).contains("Sup3r?Secret");
    }

    @Test
    void anAtSignAfterTheHostMustBePercentEncoded() {
        assertThatThrownBy(() -> parse("redis://host/0?prefix=team@corp"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("%40");
        assertThat(parse("redis://host/0?prefix=team%40corp").option("prefix")).contains("team@corp");
        assertThat(parse("sqlite:./data@home/x.db").path()).isEqualTo("./data@home/x.db");
    }

    @Test
    void redactMasksEveryUriOfAMultiLineText() {
        String text = "copy from postgresql://app:Sup3r@h1/db to redis://:Secret@h2\n"
                + "\tat x.Y(Z.java:1) password=Sup3r&x=1\nnext line redis://u:Sup3r Secret@h3/0 end";
        String redacted = StoreUri.redact(text);
        assertThat(redacted).doesNotContain("Sup3r").doesNotContain("Secret")
                .contains("postgresql://app:****@h1/db to redis://:****@h2\n")
                .contains("password=****&x=1\n").contains("redis://u:****@h3/0 end");
    }

    @Test
    void badOptionValuesNameTheOption() {
        StoreUri uri = parse("redis://h?poolSize=x&size=0&timeout=soon&tls=maybe");
        assertThatThrownBy(() -> uri.intOption("poolSize", 1, 1, 10)).hasMessageContaining("poolSize");
        assertThatThrownBy(() -> uri.intOption("size", 1, 1, 10)).hasMessageContaining("size must be between 1 and 10");
        assertThatThrownBy(() -> uri.durationOption("timeout", Duration.ZERO)).hasMessageContaining("timeout");
        assertThatThrownBy(() -> uri.booleanOption("tls", false)).hasMessageContaining("tls");
        assertThat(parse("redis://h?tls=TRUE").booleanOption("tls", false)).isTrue();
    }

    @Test
    void unknownOptionsAreRejectedListingTheKnownOnes() {
        assertThatThrownBy(() -> parse("redis://h?prefx=a").requireKnownOptions(Set.of("prefix", "ttl")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[prefx]").hasMessageContaining("[prefix, ttl]");
    }

    @Test
    void redactMasksPasswordsInTextThatDoesNotParse() {
        assertThat(StoreUri.redact("postgresql://app:hunter2@db/x")).isEqualTo("postgresql://app:****@db/x");
        assertThat(StoreUri.redact("redis://h?password=hunter2&x=1")).isEqualTo("redis://h?password=****&x=1");
        assertThat(StoreUri.redact(null)).isEqualTo("null");
        for (String text : List.of("a://u:p:q@h", "x://user:hunter2@")) {
            assertThat(StoreUri.redact(text)).doesNotContain("hunter2").doesNotContain(":p:q");
        }
    }
}
