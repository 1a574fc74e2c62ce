package io.vigil.launcher.monitoring;

import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The metric names a PromQL expression reads (or a Grafana query: {@code $variables} and {@code
 * label_values(metric, label)} are understood). A tokenizer, not a parser: good for the queries
 * Vigil ships, whose names must all exist in a live scrape.
 */
final class PromQl {
  private static final Pattern STRING = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|'[^']*'");
  private static final Pattern GRAFANA_VARIABLE = Pattern.compile("\\$\\{?[A-Za-z_]\\w*}?");
  private static final Pattern LABEL_VALUES_LABEL =
      Pattern.compile("(label_values\\s*\\([^,)]*),\\s*\\w+\\s*\\)");
  private static final Pattern BRACKETS = Pattern.compile("\\{[^}]*}|\\[[^]]*]");
  private static final Pattern LABEL_LIST =
      Pattern.compile("\\b(?:by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");
  private static final Pattern TOKEN =
      Pattern.compile("[0-9][0-9A-Za-z_.]*|([A-Za-z_:][A-Za-z0-9_:]*)(\\s*\\()?");
  private static final Set<String> KEYWORDS =
      Set.of(
          "and",
          "or",
          "unless",
          "bool",
          "offset",
          "by",
          "without",
          "on",
          "ignoring",
          "group_left",
          "group_right",
          "inf",
          "nan",
          "Inf",
          "NaN");

  private PromQl() {}

  static Set<String> metricNames(String query) {
    String expr = STRING.matcher(query).replaceAll("\"\"");
    expr = GRAFANA_VARIABLE.matcher(expr).replaceAll("1");
    expr = LABEL_VALUES_LABEL.matcher(expr).replaceAll("$1)");
    expr = BRACKETS.matcher(expr).replaceAll(" ");
    expr = LABEL_LIST.matcher(expr).replaceAll(" ");
    Set<String> names = new TreeSet<>();
    Matcher token = TOKEN.matcher(expr);
    while (token.find()) {
      String name = token.group(1);
      boolean functionCall = token.group(2) != null;
      if (name != null && !functionCall && !KEYWORDS.contains(name)) {
        names.add(name);
      }
    }
    return names;
  }
}
