package io.vigil.localstack.kafka;

import org.apache.kafka.common.utils.Exit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a fatal fault of the in-process broker from killing the JVM: Kafka's fault handlers call
 * {@code Exit.halt}/{@code Exit.exit} (LOCAL-STACK-FACTS §1), which here log and throw instead.
 *
 * <p>{@link Exit} holds JVM-wide procedures, so this assumes one embedded broker per JVM (the JUnit
 * fixture and the demo each start one).
 */
final class ExitGuard {

  private static final Logger LOG = LoggerFactory.getLogger(ExitGuard.class);

  private ExitGuard() {}

  static void install() {
    Exit.setExitProcedure((status, message) -> refuse("exit", status, message));
    Exit.setHaltProcedure((status, message) -> refuse("halt", status, message));
  }

  static void restore() {
    Exit.resetExitProcedure();
    Exit.resetHaltProcedure();
  }

  private static void refuse(String kind, int status, String message) {
    LOG.error(
        "Embedded Kafka broker called Exit.{}({}): {}; the JVM keeps running, the broker is"
            + " probably broken",
        kind,
        status,
        message);
    throw new IllegalStateException(
        "Embedded Kafka broker called Exit." + kind + "(" + status + "): " + message);
  }
}
