package io.vigil.localstack;

/**
 * One server of the local stack, as a handle for outage tests.
 *
 * <p>{@link #stop()} takes the server down (clients see connection refused); {@link #restart()}
 * brings it back on the same port with the same data. Both throw {@link IllegalStateException} on
 * an {@linkplain #external() external} server, which this stack does not own, and {@link
 * UnsupportedOperationException} on a Testcontainers server, whose mapped port would change.
 */
public interface ServerNode {

  /** Short part name for messages: {@code kafka}, {@code postgres} or {@code redis}. */
  String name();

  /** True when the server was given by the environment and is not started by this stack. */
  boolean external();

  /** Stops the server, keeping its port and data for {@link #restart()}. No-op when stopped. */
  void stop();

  /** Starts the server again on the same port with the same data, stopping it first if needed. */
  void restart();
}
