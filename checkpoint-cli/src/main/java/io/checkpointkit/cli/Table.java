package io.checkpointkit.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A plain-text table: a header row, left-aligned text columns and right-aligned number columns.
 * Cells longer than the column's maximum width are cut with an ellipsis, so a 512-character id
 * does not wreck the layout ({@code --wide} turns this off). Control characters in cells are
 * shown as {@code ?} so a stored value cannot move the cursor of the terminal. A table whose
 * headers are all empty prints no header row (a key / value listing).
 */
final class Table {

    private final String[] headers;
    private final boolean[] rightAligned;
    private final int maxWidth;
    private final List<String[]> rows = new ArrayList<>();

    /**
     * @param maxWidth the widest a cell may be, 0 for no limit
     * @param headers the column headers; a header starting with {@code >} makes its column
     *     right-aligned (the {@code >} is not printed)
     */
    Table(int maxWidth, String... headers) {
        this.maxWidth = maxWidth;
        this.headers = new String[headers.length];
        this.rightAligned = new boolean[headers.length];
        for (int i = 0; i < headers.length; i++) {
            rightAligned[i] = headers[i].startsWith(">");
            this.headers[i] = rightAligned[i] ? headers[i].substring(1) : headers[i];
        }
    }

    /** Adds a row; values are turned into text with {@link String#valueOf(Object)}. */
    Table row(Object... cells) {
        if (cells.length != headers.length) {
            throw new IllegalArgumentException("a row of " + cells.length + " cells in a table of "
                    + headers.length + " columns");
        }
        String[] row = new String[cells.length];
        for (int i = 0; i < cells.length; i++) {
            row[i] = cut(clean(String.valueOf(cells[i])));
        }
        rows.add(row);
        return this;
    }

    boolean isEmpty() {
        return rows.isEmpty();
    }

    void print(PrintWriter out) {
        int[] widths = new int[headers.length];
        for (int i = 0; i < headers.length; i++) {
            widths[i] = width(headers[i]);
        }
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], width(row[i]));
            }
        }
        if (!Arrays.stream(headers).allMatch(String::isEmpty)) {
            printRow(out, headers, widths);
        }
        for (String[] row : rows) {
            printRow(out, row, widths);
        }
        out.flush();
    }

    private void printRow(PrintWriter out, String[] cells, int[] widths) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < cells.length; i++) {
            String pad = " ".repeat(widths[i] - width(cells[i]));
            if (i > 0) {
                line.append("  ");
            }
            line.append(rightAligned[i] ? pad + cells[i] : cells[i] + (i == cells.length - 1 ? "" : pad));
        }
        out.println(line);
    }

    private String cut(String text) {
        if (maxWidth <= 0 || width(text) <= maxWidth) {
            return text;
        }
        int end = text.offsetByCodePoints(0, maxWidth - 1);
        return text.substring(0, end) + "…";
    }

    /** Replaces control characters, which could rewrite the terminal, with '?'. */
    static String clean(String text) {
        StringBuilder sb = new StringBuilder(text.length());
        text.codePoints().forEach(cp -> sb.appendCodePoint(Character.isISOControl(cp) ? '?' : cp));
        return sb.toString();
    }

    private static int width(String text) {
        return text.codePointCount(0, text.length());
    }

    @Override
    public String toString() {
        return "Table" + Arrays.toString(headers) + " with " + rows.size() + " rows";
    }
}
