package io.vigil.runtime.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The API keys a client may present as {@code Authorization: Bearer <key>}, known only by their
 * SHA-256 hashes. Keys are long random tokens (see {@link #newKey()}), not passwords: brute force
 * over a 256-bit space is hopeless whatever the hash speed, so a fast unsalted hash is enough and
 * keeps authentication to one map look-up per request.
 */
public final class ApiKeys {
  private static final Pattern CLIENT_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
  private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");
  private static final String BEARER = "bearer ";

  /** Hash (lower-case hex) → client id. */
  private final Map<String, String> clientsByHash;

  private ApiKeys(Map<String, String> clientsByHash) {
    this.clientsByHash = Map.copyOf(clientsByHash);
  }

  /**
   * Parses {@code client-a:<sha256 hex>,client-b:<sha256 hex>}; a client may have several keys
   * (rotation). Throws {@link IllegalArgumentException} naming the first bad entry (never a hash).
   */
  public static ApiKeys parse(String spec) {
    Map<String, String> byHash = new LinkedHashMap<>();
    for (String entry : spec.split(",")) {
      String trimmed = entry.trim();
      if (trimmed.isEmpty()) {
        continue;
      }
      int colon = trimmed.indexOf(':');
      String client = colon < 0 ? trimmed : trimmed.substring(0, colon).trim();
      String hash = colon < 0 ? "" : trimmed.substring(colon + 1).trim().toLowerCase();
      if (!CLIENT_ID.matcher(client).matches()) {
        throw new IllegalArgumentException(
            "client id must be 1-64 of [A-Za-z0-9._-], was '" + client + "'");
      }
      if (!SHA256_HEX.matcher(hash).matches()) {
        throw new IllegalArgumentException(
            "key of client '" + client + "' must be a SHA-256 hash in hex (64 characters)");
      }
      byHash.put(hash, client);
    }
    return new ApiKeys(byHash);
  }

  /** The client a request's {@code Authorization} header authenticates, if any. */
  public Optional<String> clientFor(String authorization) {
    if (authorization == null
        || authorization.length() <= BEARER.length()
        || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      return Optional.empty();
    }
    String key = authorization.substring(BEARER.length()).trim();
    return key.isEmpty() ? Optional.empty() : Optional.ofNullable(clientsByHash.get(hash(key)));
  }

  public boolean isEmpty() {
    return clientsByHash.isEmpty();
  }

  /** SHA-256 of the key's UTF-8 bytes, lower-case hex: the form the configuration holds. */
  public static String hash(String key) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(digest.digest(key.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  /** A new random key: 32 bytes from a {@link java.security.SecureRandom}, in hex. */
  public static String newKey() {
    byte[] bytes = new byte[32];
    new java.security.SecureRandom().nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }
}
