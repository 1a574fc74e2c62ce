package io.vigil.sink.query;

import io.vigil.schemas.anomaly.Severity;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads the query parameters of the query API, collecting every problem (unknown, repeated or
 * invalid parameters) instead of stopping at the first, so one 400 answer names them all.
 */
final class QueryParameters {
  static final int DEFAULT_LIMIT = 100;
  static final int MAX_LIMIT = 1_000;
  static final Set<String> HISTORY =
      Set.of("key", "prefix", "from", "to", "severity", "limit", "cursor");
  static final Set<String> LATEST = Set.of("key", "limit");

  /** Times PostgreSQL's timestamptz can hold and people mean: years 1 to 9999. */
  private static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");

  private static final Instant LATEST_TIME = Instant.parse("9999-12-31T23:59:59.999999Z");
  private static final Pattern EPOCH_MILLIS = Pattern.compile("-?\\d{1,18}");
  private static final String SEVERITIES =
      Arrays.stream(Severity.values()).map(Severity::wireName).collect(Collectors.joining(", "));

  private final Map<String, List<String>> raw;
  private final List<ParameterProblem> problems = new ArrayList<>();

  private QueryParameters(Map<String, List<String>> raw, Set<String> known) {
    this.raw = raw;
    raw.forEach(
        (name, values) -> {
          if (!known.contains(name)) {
            problem(name, "unknown parameter; known are " + String.join(", ", sorted(known)));
          } else if (values.size() > 1) {
            problem(name, "given " + values.size() + " times, allowed once");
          }
        });
  }

  /** The parsed value, or the problems that make the request a bad one. */
  record Parsed<T>(Optional<T> value, List<ParameterProblem> problems) {}

  static Parsed<AnomalyQuery> history(Map<String, List<String>> raw) {
    QueryParameters p = new QueryParameters(raw, HISTORY);
    Optional<String> key = p.key();
    Optional<String> prefix = p.single("prefix").filter(text -> !text.isEmpty());
    if (key.isPresent() && prefix.isPresent()) {
      p.problem("prefix", "give key or prefix, not both");
    }
    Optional<Instant> from = p.time("from");
    Optional<Instant> to = p.time("to");
    if (from.isPresent() && to.isPresent() && !to.get().isAfter(from.get())) {
      p.problem("to", "must be after from (from is inclusive, to exclusive)");
    }
    Optional<Severity> severity = p.severity();
    int limit = p.limit(MAX_LIMIT);
    Optional<Cursor> cursor = p.cursor();
    return p.result(new AnomalyQuery(key, prefix, from, to, severity, limit, cursor));
  }

  /** The key (if any) and the limit of a latest query. */
  record Latest(Optional<String> key, int limit) {}

  static Parsed<Latest> latest(Map<String, List<String>> raw, int maxLimit) {
    QueryParameters p = new QueryParameters(raw, LATEST);
    Optional<String> key = p.key();
    if (key.isPresent() && p.single("limit").isPresent()) {
      p.problem("limit", "only allowed without key (a key has one latest anomaly)");
    }
    int limit = p.limit(maxLimit);
    return p.result(new Latest(key, limit));
  }

  private <T> Parsed<T> result(T value) {
    return problems.isEmpty()
        ? new Parsed<>(Optional.of(value), List.of())
        : new Parsed<>(Optional.empty(), List.copyOf(problems));
  }

  private Optional<String> key() {
    Optional<String> key = single("key");
    if (key.isPresent() && key.get().isEmpty()) {
      problem("key", "must not be empty (leave it out to query every series)");
      return Optional.empty();
    }
    return key;
  }

  private Optional<Instant> time(String name) {
    Optional<String> text = single(name);
    if (text.isEmpty()) {
      return Optional.empty();
    }
    Optional<Instant> time = parseTime(text.get().trim());
    if (time.isEmpty()) {
      problem(
          name,
          "must be an ISO-8601 time like 2026-03-01T12:00:00Z or epoch milliseconds, was '"
              + text.get()
              + "'");
    } else if (time.get().isBefore(EARLIEST) || time.get().isAfter(LATEST_TIME)) {
      problem(name, "must be between the years 1 and 9999, was '" + text.get() + "'");
      return Optional.empty();
    }
    return time;
  }

  private static Optional<Instant> parseTime(String text) {
    try {
      if (EPOCH_MILLIS.matcher(text).matches()) {
        return Optional.of(Instant.ofEpochMilli(Long.parseLong(text)));
      }
      return Optional.of(OffsetDateTime.parse(text).toInstant());
    } catch (DateTimeException | ArithmeticException e) {
      return Optional.empty();
    }
  }

  private Optional<Severity> severity() {
    Optional<String> text = single("severity");
    if (text.isEmpty()) {
      return Optional.empty();
    }
    String wanted = text.get().trim().toLowerCase(Locale.ROOT);
    Optional<Severity> severity =
        Arrays.stream(Severity.values()).filter(s -> s.wireName().equals(wanted)).findFirst();
    if (severity.isEmpty()) {
      problem("severity", "must be one of " + SEVERITIES + ", was '" + text.get() + "'");
    }
    return severity;
  }

  private int limit(int max) {
    Optional<String> text = single("limit");
    if (text.isEmpty()) {
      return Math.min(DEFAULT_LIMIT, max);
    }
    try {
      int limit = Integer.parseInt(text.get().trim());
      if (limit >= 1 && limit <= max) {
        return limit;
      }
    } catch (NumberFormatException e) {
      // Reported below, with the allowed range.
    }
    problem("limit", "must be a whole number from 1 to " + max + ", was '" + text.get() + "'");
    return 1;
  }

  private Optional<Cursor> cursor() {
    Optional<String> text = single("cursor");
    if (text.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(Cursor.decode(text.get()));
    } catch (IllegalArgumentException e) {
      problem("cursor", "is not a cursor returned by this API (" + e.getMessage() + ")");
      return Optional.empty();
    }
  }

  /** The parameter's value if given exactly once (a repeat is already a problem). */
  private Optional<String> single(String name) {
    List<String> values = raw.get(name);
    return values == null || values.size() != 1 ? Optional.empty() : Optional.of(values.get(0));
  }

  private void problem(String parameter, String problem) {
    problems.add(new ParameterProblem(parameter, problem));
  }

  private static List<String> sorted(Set<String> names) {
    return names.stream().sorted().toList();
  }
}
