package io.checkpointkit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The table layout and the small formats the commands print with. */
class TableTest {

    private static String print(Table table) {
        StringWriter out = new StringWriter();
        table.print(new PrintWriter(out));
        return out.toString();
    }

    @Test
    void columnsAlignAndNumbersAlignRight() {
        Table table = new Table(0, "NAME", ">COUNT").row("a", 5).row("longer", 12345);

        assertThat(print(table)).isEqualTo("NAME    COUNT\na           5\nlonger  12345\n");
    }

    @Test
    void longCellsAreCutByCodePointAndControlCharactersAreReplaced() {
        Table table = new Table(5, "ID").row("🎉🎉🎉🎉🎉🎉").row("a\u001b[2Jb");

        assertThat(print(table)).isEqualTo("ID\n🎉🎉🎉🎉…\na?[2…\n");
    }

    @Test
    void headerlessTablesAreKeyValueListings() {
        assertThat(print(new Table(0, "", "").row("key", "value"))).isEqualTo("key  value\n");
    }

    @Test
    void shellQuotingSurvivesQuotesAndSpaces() {
        assertThat(Formats.shellQuote("beta")).isEqualTo("beta");
        assertThat(Formats.shellQuote("it's a b")).isEqualTo("'it'\\''s a b'");
    }

    @Test
    void agesAndSizesReadLikeAPersonWouldSayThem() {
        assertThat(Formats.age(Duration.ofHours(75))).isEqualTo("3d 3h");
        assertThat(Formats.age(Duration.ofSeconds(62))).isEqualTo("1m 2s");
        assertThat(Formats.bytes(812)).isEqualTo("812 B");
        assertThat(Formats.bytes(1536)).isEqualTo("1.5 KiB");
    }
}
