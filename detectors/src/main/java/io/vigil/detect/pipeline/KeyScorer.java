package io.vigil.detect.pipeline;

import io.vigil.detect.AlertLevel;
import io.vigil.detect.Assessment;
import io.vigil.detect.Detector;
import io.vigil.detect.Scored;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The whole per-key scoring path — detector (calibrated as configured), warm-up, threshold,
 * severity bands and suppression — as one pure function of (state, observation), so that the stream
 * processor and the NAB harness run exactly the same code.
 *
 * <p>One alert per incident: suppression runs on event time. After an emitted alert at t, anomalies
 * of the same key before t + {@code suppression} are reported as suppressed and counted; the next
 * emitted alert carries the count ({@link Decision#suppressedBefore()}). Suppressed anomalies do
 * not extend the window. An anomaly that is clearly stronger than anything seen in the incident so
 * far — its nines at least {@code escalation} times the incident's peak — escalates: it is emitted,
 * and the window keeps its start.
 *
 * <p>Operator rules ({@link AlertRules}) hold back anomalies that are too small, on the wrong side
 * or not severe enough (reported as suppressed with that reason, outside any incident), and make a
 * value outside its physical range an anomaly or a rejection. In a maintenance window ({@link
 * Maintenance}) anomalies are held back (reason maintenance) or marked, and the model learns unless
 * frozen.
 */
public final class KeyScorer<M> {

  /** The decision and the key's state after learning the observation. */
  public record Step<M>(KeyState<M> state, Decision decision) {}

  /** Beyond double precision: {@code 1 - 1e-17} is 1. */
  private static final double MAX_NINES = 17;

  private final Detector<M> detector;
  private final ScoringPolicy policy;
  private final KeyStateMapper<M> mapper;

  public KeyScorer(Detector<M> detector, ScoringPolicy policy) {
    this.detector = Objects.requireNonNull(detector, "detector");
    this.policy = Objects.requireNonNull(policy, "policy");
    this.mapper = new KeyStateMapper<>(detector.mapper());
  }

  public Detector<M> detector() {
    return detector;
  }

  public ScoringPolicy policy() {
    return policy;
  }

  public KeyStateMapper<M> mapper() {
    return mapper;
  }

  public KeyState<M> newState() {
    return new KeyState<>(detector.newModel(), 0, null, 0, 0.0);
  }

  /**
   * Scores one observation of the key.
   *
   * @throws IllegalArgumentException if the features are empty or not finite (as the detector)
   */
  public Step<M> score(KeyState<M> state, Map<String, Double> features, Instant time) {
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(time, "time");
    AlertRules rules = policy.rules();
    String outside = rules.outsideRange(features);
    if (outside != null && rules.outOfRange() == OutOfRange.DEAD_LETTER) {
      Assessment none =
          new Assessment(
              0, 0, Map.of(), Map.of(), state.observations(), true, detector.name(), outside);
      return new Step<>(
          state, new Decision(0, Optional.empty(), null, 0, none, true, outside, false));
    }
    Scored<M> scored = detector.score(state.model(), features, time);
    Assessment assessment = scored.assessment();
    if (assessment.detector().isEmpty()) {
      assessment = assessment.withDetector(detector.name());
    }
    boolean keyWarmingUp = state.observations() < policy.alerts().warmup();
    Optional<AlertLevel> level;
    SuppressionReason ruled = null;
    if (outside != null) {
      // Not a value the series can have: an anomaly whatever the model says, and not learnt.
      assessment =
          new Assessment(
              assessment.rawScore(),
              1.0,
              assessment.expected(),
              assessment.attribution(),
              assessment.observations(),
              false,
              assessment.detector(),
              outside);
      level = Optional.of(policy.alerts().bands().levelOf(1.0));
      keyWarmingUp = false;
    } else {
      level = keyWarmingUp ? Optional.empty() : policy.alerts().evaluate(assessment);
      if (level.isPresent()) {
        ruled = rules.judge(features, assessment, level.get());
      }
    }
    boolean maintenance = policy.maintenance().covers(time);
    if (maintenance && ruled == null && level.isPresent() && policy.maintenance().suppress()) {
      ruled = SuppressionReason.MAINTENANCE;
    }
    boolean frozen = outside != null || (maintenance && policy.maintenance().freeze());
    long observations =
        frozen || state.observations() == Long.MAX_VALUE
            ? state.observations()
            : state.observations() + 1;
    Instant lastAlert = state.lastAlert();
    long suppressed = state.suppressed();
    boolean inIncident =
        lastAlert != null
            && !policy.suppression().isZero()
            && time.isBefore(lastAlert.plus(policy.suppression()));
    double nines = nines(assessment.score());
    double peak = inIncident ? Math.max(state.incidentPeak(), nines) : 0.0;
    SuppressionReason suppression = ruled;
    long suppressedBefore = 0;
    if (level.isPresent() && ruled == null) {
      boolean escalates =
          inIncident
              && policy.escalation() > 0
              && nines >= policy.escalation() * state.incidentPeak();
      if (inIncident && !escalates) {
        suppression = SuppressionReason.REPEAT;
        suppressed++;
      } else {
        suppressedBefore = suppressed;
        suppressed = 0;
        peak = nines;
        if (!inIncident) {
          lastAlert = time;
        }
      }
    }
    Decision decision =
        new Decision(
            assessment.score(),
            level,
            suppression,
            suppressedBefore,
            assessment,
            keyWarmingUp || assessment.warmingUp(),
            null,
            maintenance);
    M model = frozen ? state.model() : scored.model();
    KeyState<M> next = new KeyState<>(model, observations, lastAlert, suppressed, peak);
    return new Step<>(next, decision);
  }

  /** Surprise of a calibrated score in nines, {@code -log10(1 - score)}; 17 for a score of 1. */
  static double nines(double score) {
    return score >= 1.0 ? MAX_NINES : -Math.log10(1.0 - score);
  }
}
