package io.vigil.bench;

import java.util.ArrayList;
import java.util.List;

/** Aligned Markdown tables, as the harnesses print them: text columns left, figures right. */
public final class MarkdownTable {
  private MarkdownTable() {}

  /**
   * @param rows the header first, then the rows, all of the header's width
   * @param textColumns how many leading columns are text (left-aligned); the rest are figures
   * @throws IllegalArgumentException if there is no header or a row's width differs from it
   */
  public static String render(List<List<String>> rows, int textColumns) {
    if (rows.isEmpty()) {
      throw new IllegalArgumentException("a table needs a header");
    }
    int[] widths = new int[rows.get(0).size()];
    for (List<String> line : rows) {
      if (line.size() != widths.length) {
        throw new IllegalArgumentException(
            "every row needs " + widths.length + " cells, was " + line);
      }
      for (int c = 0; c < widths.length; c++) {
        widths[c] = Math.max(widths[c], line.get(c).length());
      }
    }
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < rows.size(); i++) {
      line(out, rows.get(i), widths, textColumns);
      if (i == 0) {
        List<String> rule = new ArrayList<>();
        for (int width : widths) {
          rule.add("-".repeat(width));
        }
        line(out, rule, widths, textColumns);
      }
    }
    return out.toString();
  }

  private static void line(StringBuilder out, List<String> cells, int[] widths, int textColumns) {
    out.append('|');
    for (int c = 0; c < widths.length; c++) {
      String cell = cells.get(c);
      String pad = " ".repeat(widths[c] - cell.length());
      out.append(' ').append(c < textColumns ? cell + pad : pad + cell).append(" |");
    }
    out.append('\n');
  }
}
