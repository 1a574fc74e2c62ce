package io.vigil.localstack.testcontainers;

import io.vigil.localstack.ServerNode;
import org.testcontainers.containers.GenericContainer;

/** A server in a Docker container started by Testcontainers. */
abstract class ContainerNode<C extends GenericContainer<?>> implements ServerNode, AutoCloseable {

  private final String name;
  protected final C container;

  ContainerNode(String name, C container) {
    this.name = name;
    this.container = container;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public boolean external() {
    return false;
  }

  @Override
  public void stop() {
    throw unsupported("stop");
  }

  @Override
  public void restart() {
    throw unsupported("restart");
  }

  @Override
  public void close() {
    container.stop();
  }

  private UnsupportedOperationException unsupported(String operation) {
    // A restarted container gets a new mapped port, which breaks the "same endpoint" contract.
    return new UnsupportedOperationException(
        "Cannot "
            + operation
            + " "
            + name
            + " from Testcontainers: outage tests need VIGIL_STACK_PROVIDER=embedded");
  }
}
