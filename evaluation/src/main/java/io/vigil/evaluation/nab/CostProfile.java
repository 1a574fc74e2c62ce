package io.vigil.evaluation.nab;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A NAB scoring profile: the weights of a detected window, a false positive and a missed window.
 *
 * @param name profile name as in {@code profiles.json}, e.g. {@code standard}
 * @param tpWeight reward of a window's earliest detection at its left edge
 * @param fpWeight cost of a detection far from any window
 * @param fnWeight cost of a window without detection
 */
public record CostProfile(String name, double tpWeight, double fpWeight, double fnWeight) {

  public CostProfile {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("a profile needs a name");
    }
    if (!(tpWeight > 0.0 && fpWeight >= 0.0 && fnWeight >= 0.0)) {
      throw new IllegalArgumentException("profile " + name + " has invalid weights");
    }
  }

  /** The profiles of a NAB {@code profiles.json}, in file order. */
  public static List<CostProfile> read(Path profilesJson) {
    JsonNode root;
    try {
      root = new ObjectMapper().readTree(profilesJson.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read NAB profiles " + profilesJson, e);
    }
    List<CostProfile> profiles = new ArrayList<>();
    root.properties()
        .forEach(
            entry -> {
              JsonNode costs = entry.getValue().path("CostMatrix");
              profiles.add(
                  new CostProfile(
                      entry.getKey(),
                      required(costs, "tpWeight", entry.getKey()),
                      required(costs, "fpWeight", entry.getKey()),
                      required(costs, "fnWeight", entry.getKey())));
            });
    return List.copyOf(profiles);
  }

  private static double required(JsonNode costs, String field, String profile) {
    JsonNode value = costs.get(field);
    if (value == null || !value.isNumber()) {
      throw new IllegalArgumentException("profile " + profile + " lacks CostMatrix." + field);
    }
    return value.asDouble();
  }
}
