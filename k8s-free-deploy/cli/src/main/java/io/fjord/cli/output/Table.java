package io.fjord.cli.output;

import java.util.ArrayList;
import java.util.List;

/** Columns aligned for the eye: a header, a rule of dashes, then the rows, two spaces between columns. */
public final class Table {
    private final String[] headers;
    private final List<String[]> rows = new ArrayList<>();

    /** A table with a header line; with no headers, only the rows are printed (doctor's verdicts). */
    public Table(String... headers) {
        this.headers = headers;
    }

    public Table row(Object... cells) {
        String[] row = new String[cells.length];
        for (int i = 0; i < cells.length; i++) {
            row[i] = cells[i] == null ? "" : cells[i].toString();
        }
        rows.add(row);
        return this;
    }

    /** The lines, each ending with a newline; no trailing spaces, so the output diffs and greps cleanly. */
    public String render() {
        int columns = headers.length;
        for (String[] row : rows) {
            columns = Math.max(columns, row.length);
        }
        int[] widths = new int[columns];
        List<String[]> lines = new ArrayList<>();
        if (headers.length > 0) {
            lines.add(headers);
            lines.add(new String[headers.length]); // the rule: null cells become dashes once widths are known
        }
        lines.addAll(rows);
        for (String[] line : lines) {
            for (int i = 0; i < line.length; i++) {
                if (line[i] != null) {
                    widths[i] = Math.max(widths[i], line[i].length());
                }
            }
        }
        StringBuilder out = new StringBuilder();
        for (String[] line : lines) {
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < line.length; i++) {
                String cell = line[i] == null ? "-".repeat(widths[i]) : line[i];
                text.append(cell);
                if (i < line.length - 1) {
                    text.append(" ".repeat(widths[i] - cell.length() + 2));
                }
            }
            out.append(text.toString().stripTrailing()).append('\n');
        }
        return out.toString();
    }
}
