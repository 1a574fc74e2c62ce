package io.vigil.localstack;

/** The Redis server of the local stack. */
public interface RedisNode extends ServerNode {

  /** Redis URI, for example {@code redis://127.0.0.1:6379}. */
  String uri();
}
