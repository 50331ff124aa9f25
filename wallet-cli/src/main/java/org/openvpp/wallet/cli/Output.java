package org.openvpp.wallet.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a command prints on stdout: aligned text for people by default, one JSON document with
 * {@code --json} for scripts. Both come from the same values, so the two views never disagree.
 */
public final class Output {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final PrintWriter out;
  private final boolean json;

  public Output(PrintWriter out, boolean json) {
    this.out = out;
    this.json = json;
  }

  public boolean json() {
    return json;
  }

  /** One bare value on its own line (for {@code $(…)} in shells), or a JSON object. */
  public void value(String key, Object value) {
    if (json) {
      print(java.util.Map.of(key, value));
    } else {
      out.println(text(value));
      out.flush();
    }
  }

  /**
   * A line of text for people only (a heading between a record and a table); nothing in JSON mode,
   * where the command prints one document holding everything.
   */
  public void line(String text) {
    if (!json) {
      out.println(text);
      out.flush();
    }
  }

  /** One record: "key value" lines, or a JSON object. */
  public void fields(Map<String, ?> fields) {
    if (json) {
      print(fields);
      return;
    }
    int width = fields.keySet().stream().mapToInt(String::length).max().orElse(0);
    fields.forEach((k, v) -> out.printf("%-" + width + "s  %s%n", k, text(v)));
    out.flush();
  }

  /** Rows under a header, or a JSON array of objects keyed by column. */
  public void table(List<String> columns, List<? extends Map<String, ?>> rows) {
    if (json) {
      print(rows);
      return;
    }
    if (rows.isEmpty()) {
      out.println("(none)");
      out.flush();
      return;
    }
    int[] widths = new int[columns.size()];
    List<List<String>> cells = new ArrayList<>();
    for (Map<String, ?> row : rows) {
      List<String> line = new ArrayList<>();
      for (String c : columns) {
        line.add(text(row.get(c)));
      }
      cells.add(line);
    }
    for (int i = 0; i < widths.length; i++) {
      widths[i] = columns.get(i).length();
      for (List<String> line : cells) {
        widths[i] = Math.max(widths[i], line.get(i).length());
      }
    }
    List<String> header = columns.stream().map(c -> c.toUpperCase(Locale.ROOT)).toList();
    printRow(header, widths);
    cells.forEach(line -> printRow(line, widths));
    out.flush();
  }

  /** A fresh ordered map, for building fields and rows in display order. */
  public static Map<String, Object> record() {
    return new LinkedHashMap<>();
  }

  private void printRow(List<String> cells, int[] widths) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < cells.size(); i++) {
      if (i > 0) {
        b.append("  ");
      }
      b.append(i == cells.size() - 1 ? cells.get(i) : pad(cells.get(i), widths[i]));
    }
    out.println(b.toString().stripTrailing());
  }

  private static String pad(String s, int width) {
    return s + " ".repeat(width - s.length());
  }

  private static String text(Object v) {
    return v == null ? "-" : String.valueOf(v);
  }

  private void print(Object value) {
    try {
      out.println(JSON.writeValueAsString(value));
      out.flush();
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot render JSON", e);
    }
  }
}
