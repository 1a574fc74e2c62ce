package io.vigil.schemas.config;

import io.vigil.schemas.validation.Check;
import io.vigil.schemas.validation.Formats;
import java.util.Comparator;
import java.util.Objects;

/**
 * A glob over series keys: {@code *} matches any run of characters ({@code /} included), {@code ?}
 * exactly one, everything else itself. {@code *} alone is the default that matches every key.
 *
 * <p>When several patterns match a key, the most specific wins: the one with the most literal
 * characters, then the one with fewer {@code *}, then the lexically smaller (so the choice never
 * depends on arrival order).
 */
public record KeyPattern(String glob) {
  /** The default pattern: every key. */
  public static final KeyPattern ANY = new KeyPattern("*");

  /** Longest accepted pattern. */
  public static final int MAX_LENGTH = 256;

  /** Orders patterns from the most to the least specific. */
  public static final Comparator<KeyPattern> MOST_SPECIFIC_FIRST =
      Comparator.comparingInt(KeyPattern::literals)
          .reversed()
          .thenComparingInt(KeyPattern::stars)
          .thenComparing(KeyPattern::glob);

  public KeyPattern {
    Objects.requireNonNull(glob, "glob");
    Check.that(!Formats.isBlank(glob), "/pattern", "must not be blank");
    Check.that(
        Formats.length(glob) <= MAX_LENGTH,
        "/pattern",
        "is " + Formats.length(glob) + " characters, limit is " + MAX_LENGTH);
  }

  public static KeyPattern of(String glob) {
    return new KeyPattern(glob);
  }

  public boolean matches(String key) {
    int[] p = glob.codePoints().toArray();
    int[] k = key.codePoints().toArray();
    int pi = 0;
    int ki = 0;
    int star = -1;
    int resume = 0;
    while (ki < k.length) {
      if (pi < p.length && (p[pi] == '?' || (p[pi] != '*' && p[pi] == k[ki]))) {
        pi++;
        ki++;
      } else if (pi < p.length && p[pi] == '*') {
        // Remember the star and first let it match nothing; widen it on a later mismatch.
        star = pi++;
        resume = ki;
      } else if (star >= 0) {
        pi = star + 1;
        ki = ++resume;
      } else {
        return false;
      }
    }
    while (pi < p.length && p[pi] == '*') {
      pi++;
    }
    return pi == p.length;
  }

  /** Number of literal (non-wildcard) characters. */
  public int literals() {
    return (int) glob.codePoints().filter(c -> c != '*' && c != '?').count();
  }

  private int stars() {
    return (int) glob.codePoints().filter(c -> c == '*').count();
  }

  @Override
  public String toString() {
    return glob;
  }
}
