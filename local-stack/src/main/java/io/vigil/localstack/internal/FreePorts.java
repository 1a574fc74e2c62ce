package io.vigil.localstack.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

/** Picks free loopback ports. Not part of the public API. */
public final class FreePorts {

  private FreePorts() {}

  /**
   * Returns {@code count} distinct free ports. All sockets stay open until every port is picked, so
   * the same port is never returned twice; another process may still take one afterwards, which is
   * the usual (tiny) race of this technique.
   */
  public static List<Integer> pick(int count) {
    List<ServerSocket> sockets = new ArrayList<>(count);
    try {
      List<Integer> ports = new ArrayList<>(count);
      for (int i = 0; i < count; i++) {
        ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        sockets.add(socket);
        ports.add(socket.getLocalPort());
      }
      return List.copyOf(ports);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not find a free port", e);
    } finally {
      for (ServerSocket socket : sockets) {
        try {
          socket.close();
        } catch (IOException ignored) {
          // Closing a bound, never accepted socket; nothing to do.
        }
      }
    }
  }

  /** Returns {@code port} itself, or a free port when it is 0. */
  public static int orFree(int port) {
    return port != 0 ? port : pick(1).get(0);
  }
}
