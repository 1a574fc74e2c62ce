package io.vigil.runtime.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Raw settings of one service, merged in one place: built-in defaults, then an optional properties
 * file, then the environment. Vigil's own settings are named {@code vigil.a.b} in files and {@code
 * VIGIL_A_B} in the environment; Kafka client settings pass through unchanged as {@code
 * kafka.bootstrap.servers} / {@code KAFKA_BOOTSTRAP_SERVERS}.
 *
 * <p>A blank value counts as unset in every layer.
 *
 * <p>Typed getters record every problem instead of throwing at the first, so a service reads its
 * whole config and then calls {@link #validate()} to fail with one message that lists them all.
 */
public final class Settings {
  /** Environment variable naming an optional properties file. */
  public static final String CONFIG_FILE_ENV = "VIGIL_CONFIG_FILE";

  private final Map<String, String> vigil;
  private final Map<String, String> kafka;
  private final List<String> problems = new ArrayList<>();

  private Settings(Map<String, String> vigil, Map<String, String> kafka) {
    this.vigil = vigil;
    this.kafka = kafka;
  }

  /**
   * Defaults, then the file named by {@value #CONFIG_FILE_ENV} if set, then the environment.
   *
   * @throws ConfigException when the file cannot be read
   */
  public static Settings load(Map<String, String> env) {
    Path file =
        Optional.ofNullable(env.get(CONFIG_FILE_ENV))
            .filter(name -> !name.isBlank())
            .map(Path::of)
            .orElse(null);
    return load(file, env);
  }

  public static Settings load(Path file, Map<String, String> env) {
    Map<String, String> vigil = new TreeMap<>();
    Map<String, String> kafka = new TreeMap<>();
    if (file != null) {
      Properties properties = new Properties();
      try (Reader reader = Files.newBufferedReader(file)) {
        properties.load(reader);
      } catch (IOException | IllegalArgumentException e) {
        // A configuration problem like any other, so main reports it and exits non-zero.
        throw new ConfigException(
            List.of("cannot read config file " + file + " (" + CONFIG_FILE_ENV + "): " + e));
      }
      properties.forEach(
          (k, v) -> put(k.toString(), v.toString(), vigil, kafka, Function.identity()));
    }
    env.forEach((k, v) -> put(k, v, vigil, kafka, Settings::fromEnvName));
    return new Settings(vigil, kafka);
  }

  /** Settings from explicit values only, e.g. for tests and embedded use: keys in file form. */
  public static Settings of(Map<String, String> values) {
    Map<String, String> vigil = new TreeMap<>();
    Map<String, String> kafka = new TreeMap<>();
    values.forEach((k, v) -> put(k, v, vigil, kafka, Function.identity()));
    return new Settings(vigil, kafka);
  }

  private static void put(
      String name,
      String value,
      Map<String, String> vigil,
      Map<String, String> kafka,
      Function<String, String> normalise) {
    if (value == null || value.isBlank()) {
      // An empty variable (VIGIL_X= in a compose file) means unset, so lower layers still apply.
      return;
    }
    String key = normalise.apply(name);
    if (key.startsWith("vigil.")) {
      vigil.put(key, value);
    } else if (key.startsWith("kafka.")) {
      kafka.put(key.substring("kafka.".length()), value);
    }
  }

  /** {@code VIGIL_TOPIC_PREFIX} becomes {@code vigil.topic.prefix}. */
  static String fromEnvName(String name) {
    return name.toLowerCase(Locale.ROOT).replace('_', '.');
  }

  /** The environment variable that sets {@code key}, for error messages and docs. */
  public static String envName(String key) {
    return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
  }

  public String string(String key, String defaultValue) {
    return vigil.getOrDefault(key, defaultValue);
  }

  /**
   * A secret: read from the file {@code <key>.file} names (so it never sits in the environment;
   * docker and Kubernetes secrets are files), else the value of {@code key}, else {@code
   * defaultValue}. An unreadable file is a problem.
   */
  public String secret(String key, String defaultValue) {
    String file = vigil.get(key + ".file");
    if (file != null && !file.isBlank()) {
      try {
        return java.nio.file.Files.readString(java.nio.file.Path.of(file.trim())).strip();
      } catch (java.io.IOException e) {
        problems.add(describe(key + ".file") + " cannot be read: " + e.getMessage());
        return defaultValue;
      }
    }
    return vigil.getOrDefault(key, defaultValue);
  }

  /** A required setting; records a problem and returns null when it is missing or blank. */
  public String requiredString(String key) {
    String value = vigil.get(key);
    if (value == null || value.isBlank()) {
      problems.add(describe(key) + " is required");
      return null;
    }
    return value;
  }

  public int integer(String key, int defaultValue, int min, int max) {
    return parse(
        key,
        defaultValue,
        Integer::parseInt,
        v -> v >= min && v <= max,
        "an integer in [" + min + ", " + max + "]");
  }

  public long longValue(String key, long defaultValue, long min, long max) {
    return parse(
        key,
        defaultValue,
        Long::parseLong,
        v -> v >= min && v <= max,
        "an integer in [" + min + ", " + max + "]");
  }

  public double decimal(String key, double defaultValue, double min, double max) {
    return parse(
        key,
        defaultValue,
        Double::parseDouble,
        v -> v >= min && v <= max,
        "a number in [" + min + ", " + max + "]");
  }

  public boolean bool(String key, boolean defaultValue) {
    return parse(
        key,
        defaultValue,
        v -> {
          if (v.equalsIgnoreCase("true") || v.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(v);
          }
          throw new IllegalArgumentException();
        },
        v -> true,
        "true or false");
  }

  /**
   * A duration such as {@code 250ms}, {@code 30s}, {@code 5m}, {@code 2h}, {@code 1d} or ISO-8601.
   */
  public Duration duration(String key, Duration defaultValue) {
    return parse(
        key, defaultValue, Settings::parseDuration, d -> !d.isNegative(), "a duration like 30s");
  }

  /** Like {@link #duration}, but zero is a problem too (timeouts, periods). */
  public Duration positiveDuration(String key, Duration defaultValue) {
    return parse(
        key,
        defaultValue,
        Settings::parseDuration,
        d -> !d.isNegative() && !d.isZero(),
        "a positive duration like 30s");
  }

  public <E extends Enum<E>> E enumValue(String key, E defaultValue) {
    Class<E> type = defaultValue.getDeclaringClass();
    return parse(
        key,
        defaultValue,
        v -> Enum.valueOf(type, v.trim().toUpperCase(Locale.ROOT).replace('-', '_')),
        v -> true,
        "one of " + List.of(type.getEnumConstants()).toString().toLowerCase(Locale.ROOT));
  }

  /** Kafka client properties passed through unchanged (without the {@code kafka.} prefix). */
  public Map<String, String> kafkaProperties() {
    return Map.copyOf(kafka);
  }

  /** Records a problem found by the caller's own cross-field checks. */
  public void problem(String message) {
    problems.add(message);
  }

  /** Throws a {@link ConfigException} listing every problem recorded so far. */
  public void validate() {
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
  }

  private <T> T parse(
      String key,
      T defaultValue,
      Function<String, T> parser,
      java.util.function.Predicate<T> valid,
      String expected) {
    String raw = vigil.get(key);
    if (raw == null || raw.isBlank()) {
      return defaultValue;
    }
    try {
      T value = parser.apply(raw.trim());
      if (valid.test(value)) {
        return value;
      }
    } catch (RuntimeException e) {
      // fall through to the problem below
    }
    problems.add(describe(key) + " must be " + expected + ", was '" + raw + "'");
    return defaultValue;
  }

  private static String describe(String key) {
    return key + " (" + envName(key) + ")";
  }

  /**
   * Parses {@code 250ms}, {@code 30s}, {@code 5m}, {@code 2h}, {@code 1d} or ISO-8601 ({@code
   * PT5M}).
   */
  public static Duration parseDuration(String text) {
    String s = text.trim().toLowerCase(Locale.ROOT);
    try {
      if (s.startsWith("p")) {
        return Duration.parse(s.toUpperCase(Locale.ROOT));
      }
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(e);
    }
    int split = 0;
    while (split < s.length() && (Character.isDigit(s.charAt(split)) || s.charAt(split) == '.')) {
      split++;
    }
    if (split == 0) {
      throw new IllegalArgumentException("no number in " + text);
    }
    double amount = Double.parseDouble(s.substring(0, split));
    long millis =
        switch (s.substring(split).trim()) {
          case "ms" -> Math.round(amount);
          case "s", "" -> Math.round(amount * 1_000);
          case "m", "min" -> Math.round(amount * 60_000);
          case "h" -> Math.round(amount * 3_600_000);
          case "d" -> Math.round(amount * 86_400_000);
          default -> throw new IllegalArgumentException("unknown unit in " + text);
        };
    return Duration.ofMillis(millis);
  }
}
