package io.vigil.localstack.internal;

import java.security.SecureRandom;
import java.util.HexFormat;

/** Fresh passwords for the servers of a secured stack: 128 random bits in hex. */
public final class RandomSecrets {
  private static final SecureRandom RANDOM = new SecureRandom();

  private RandomSecrets() {}

  public static String next() {
    byte[] bytes = new byte[16];
    RANDOM.nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }
}
