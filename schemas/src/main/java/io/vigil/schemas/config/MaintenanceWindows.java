package io.vigil.schemas.config;

import com.cronutils.model.Cron;
import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.parser.CronParser;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonValue;
import io.vigil.schemas.validation.Check;
import io.vigil.schemas.validation.Fields;
import io.vigil.schemas.validation.InvalidFieldException;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A detector config's {@code maintenance}: windows of planned work for the pattern's keys, judged
 * on event time, and what they do to anomalies.
 *
 * @param action {@code suppress} (not emitted, counted) or {@code tag} (emitted with the tag {@code
 *     maintenance=true})
 * @param freeze true: models do not learn events in a window
 * @param windows one-off ({@code from}, {@code to}) or recurring ({@code cron}, {@code duration},
 *     {@code zone}) windows
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MaintenanceWindows(Action action, boolean freeze, List<Window> windows) {
  /** Most windows of one config. */
  public static final int MAX_WINDOWS = 64;

  private static final CronParser CRON =
      new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));

  public MaintenanceWindows {
    action = action == null ? Action.SUPPRESS : action;
    windows = windows == null ? List.of() : List.copyOf(windows);
    Check.that(
        windows.size() <= MAX_WINDOWS,
        "/maintenance/windows",
        "has " + windows.size() + " windows, limit is " + MAX_WINDOWS);
  }

  /** What a window does to an anomaly. */
  public enum Action {
    SUPPRESS,
    TAG;

    @JsonValue
    public String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * One window: either one-off, {@code [from, to)}, or recurring, starting at each time {@code
   * cron} (five UNIX fields: minute hour day-of-month month day-of-week) names in {@code zone}, for
   * {@code duration}.
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Window(Instant from, Instant to, String cron, Duration duration, String zone) {
    public Window {
      if (cron == null) {
        Check.that(
            from != null && to != null, "/maintenance/windows", "needs from and to, or cron");
        Check.that(from.isBefore(to), "/maintenance/windows/to", "must be after from");
      } else {
        Check.that(from == null && to == null, "/maintenance/windows", "has both cron and from/to");
        Objects.requireNonNull(duration, "duration");
        Check.that(
            !duration.isNegative() && !duration.isZero(),
            "/maintenance/windows/duration",
            "must be positive");
        zone = zone == null ? "UTC" : zone;
        cron(cron);
        zone(zone);
      }
    }

    /** The parsed cron expression of a recurring window. */
    public Cron parsedCron() {
      return cron(cron);
    }

    public ZoneId zoneId() {
      return zone(zone);
    }

    private static Cron cron(String expression) {
      try {
        return CRON.parse(expression);
      } catch (IllegalArgumentException e) {
        throw new InvalidFieldException(
            "/maintenance/windows/cron", "is not a five-field cron expression: " + e.getMessage());
      }
    }

    private static ZoneId zone(String zone) {
      try {
        return ZoneId.of(zone);
      } catch (DateTimeException e) {
        throw new InvalidFieldException(
            "/maintenance/windows/zone", "is not a time zone id such as Europe/Berlin: " + zone);
      }
    }

    static Window read(Fields fields) {
      return new Window(
          fields.has("from") ? fields.instant("from") : null,
          fields.has("to") ? fields.instant("to") : null,
          fields.optionalText("cron", 256),
          fields.has("duration") ? fields.duration("duration") : null,
          fields.optionalText("zone", 64));
    }
  }

  /** The windows of a {@code maintenance} object, or null when the config has none. */
  static MaintenanceWindows read(Fields fields) {
    if (fields == null) {
      return null;
    }
    List<Window> windows = fields.objectList("windows", MAX_WINDOWS, Window::read);
    return new MaintenanceWindows(
        fields.has("action") ? fields.enumValue("action", Action.class) : null,
        fields.has("freeze") && fields.bool("freeze"),
        windows);
  }
}
