package io.vigil.detect.ensemble;

import io.vigil.detect.Assessment;
import io.vigil.detect.Detector;
import io.vigil.detect.Scored;
import io.vigil.detect.StateMapper;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Several detectors scoring the same series; the ensemble's judgement is that of the member with
 * the highest weighted calibrated score (members still warming up do not count while another member
 * is ready). Its assessment is that member's — raw score, expectations, attribution — with {@link
 * Assessment#detector()} naming it, so an alert says which detector fired.
 *
 * <p>Members' calibrated scores must be comparable: use detectors calibrated to the same scale
 * (EWMA and seasonal are; wrap RCF in a {@link io.vigil.detect.calibration.CalibratedDetector}). A
 * weight below 1 makes a member's score count less: the weighted score is 1 − (1 − score) / w,
 * floored at 0, i.e. a member of weight 0.1 needs ten times the "surprise" (one more nine) to reach
 * the same ensemble score.
 */
public final class EnsembleDetector implements Detector<EnsembleState> {
  public static final String NAME = "ensemble";

  /** A member and its weight in (0,1]. */
  public record Member(Detector<?> detector, double weight) {
    public Member {
      Objects.requireNonNull(detector, "detector");
      if (!(weight > 0.0 && weight <= 1.0)) {
        throw new IllegalArgumentException("weight must be in (0,1], was " + weight);
      }
    }

    public static Member of(Detector<?> detector) {
      return new Member(detector, 1.0);
    }
  }

  private final List<Member> members;
  private final EnsembleStateMapper mapper;

  public EnsembleDetector(List<Member> members) {
    if (members.isEmpty()) {
      throw new IllegalArgumentException("an ensemble needs at least one member");
    }
    this.members = List.copyOf(members);
    this.mapper =
        new EnsembleStateMapper(this.members.stream().<Detector<?>>map(Member::detector).toList());
  }

  public static EnsembleDetector of(Detector<?>... detectors) {
    return new EnsembleDetector(List.of(detectors).stream().map(Member::of).toList());
  }

  public List<Member> members() {
    return members;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public EnsembleState newModel() {
    List<Object> models = new ArrayList<>();
    members.forEach(member -> models.add(member.detector().newModel()));
    return new EnsembleState(models);
  }

  @Override
  public StateMapper<EnsembleState> mapper() {
    return mapper;
  }

  @Override
  public Scored<EnsembleState> score(
      EnsembleState model, Map<String, Double> features, Instant time) {
    Objects.requireNonNull(model, "model");
    List<Object> next = new ArrayList<>(members.size());
    Assessment best = null;
    double bestScore = -1.0;
    for (int i = 0; i < members.size(); i++) {
      Member member = members.get(i);
      Scored<?> scored = scoreMember(member.detector(), model.models().get(i), features, time);
      next.add(scored.model());
      Assessment assessment = scored.assessment();
      if (assessment.detector().isEmpty()) {
        assessment = assessment.withDetector(member.detector().name());
      }
      double weighted = Math.max(0.0, 1.0 - (1.0 - assessment.score()) / member.weight());
      boolean better =
          best == null
              || (best.warmingUp() && !assessment.warmingUp())
              || (best.warmingUp() == assessment.warmingUp() && weighted > bestScore);
      if (better) {
        best = assessment.withScore(weighted, assessment.warmingUp());
        bestScore = weighted;
      }
    }
    return new Scored<>(new EnsembleState(next), best);
  }

  @SuppressWarnings("unchecked")
  private static <M> Scored<M> scoreMember(
      Detector<M> detector, Object model, Map<String, Double> features, Instant time) {
    return detector.score((M) model, features, time);
  }
}
