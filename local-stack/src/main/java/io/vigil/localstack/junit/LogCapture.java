package io.vigil.localstack.junit;

import java.io.StringWriter;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.WriterAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.layout.PatternLayout;

/**
 * Everything this JVM logs while open, at {@code level} or above for every logger (Kafka, Jetty,
 * Lettuce, ... included), with stack traces, for tests that check what a log must never contain.
 * Closing reloads the logging configuration as it was.
 */
public final class LogCapture implements AutoCloseable {
  private final StringWriter text = new StringWriter();
  private final LoggerContext context;

  private LogCapture(LoggerContext context, Level level) {
    this.context = context;
    Configuration config = context.getConfiguration();
    WriterAppender appender =
        WriterAppender.createAppender(
            PatternLayout.newBuilder()
                .withConfiguration(config)
                .withPattern("%level %c [%t] %m%n%throwable")
                .build(),
            null,
            text,
            "vigil-log-capture",
            false,
            true);
    appender.start();
    config.addAppender(appender);
    for (LoggerConfig logger : config.getLoggers().values()) {
      logger.setLevel(level);
    }
    config.getRootLogger().setLevel(level);
    config.getRootLogger().addAppender(appender, null, null);
    context.updateLoggers();
  }

  /** Starts capturing; every logger logs at {@code level} until {@link #close()}. */
  public static LogCapture start(Level level) {
    return new LogCapture((LoggerContext) LogManager.getContext(false), level);
  }

  /** What was logged so far. */
  public String text() {
    synchronized (text) {
      return text.toString();
    }
  }

  @Override
  public void close() {
    context.reconfigure();
  }
}
