package io.vigil.localstack.junit;

import io.vigil.localstack.LocalStack;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Resolves a {@link LocalStack} parameter (test constructor or method) to ONE stack per test JVM.
 *
 * <p>The stack starts on first use, with options from the {@code VIGIL_STACK_*} environment, and
 * lives in the root extension-context store, which JUnit closes at the end of the run (stores close
 * their {@link AutoCloseable} values since JUnit 5.13). Usually applied via {@link WithLocalStack}.
 */
public final class LocalStackExtension implements ParameterResolver {

  private static final Logger LOG = LoggerFactory.getLogger(LocalStackExtension.class);
  private static final Namespace NAMESPACE = Namespace.create(LocalStackExtension.class);
  private static final String KEY = "local-stack";

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == LocalStack.class;
  }

  @Override
  public LocalStack resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return sharedStack(context);
  }

  /** The JVM-wide stack, started on first call; also for other extensions built on this one. */
  public static LocalStack sharedStack(ExtensionContext context) {
    // The store computes the value once, even with parallel test execution.
    return context
        .getRoot()
        .getStore(NAMESPACE)
        .getOrComputeIfAbsent(KEY, key -> startStack(), LocalStack.class);
  }

  private static LocalStack startStack() {
    long started = System.nanoTime();
    LocalStack stack = LocalStack.start();
    LOG.info(
        "Shared local stack for this test JVM started in {} ms: kafka={}, jdbc={}, redis={}",
        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started),
        stack.kafkaBootstrapServers(),
        stack.jdbcUrl(),
        stack.redisUri());
    return stack;
  }
}
