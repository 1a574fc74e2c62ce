package io.vigil.localstack;

/** The Redis server of the local stack. */
public interface RedisNode extends ServerNode {

  /** Redis URI, for example {@code redis://127.0.0.1:6379}. */
  String uri();

  /** The default user's password ({@code requirepass}), not part of {@link #uri()}; often none. */
  default java.util.Optional<String> password() {
    return java.util.Optional.empty();
  }
}
