package io.vigil.sink.redis;

import io.lettuce.core.RedisFuture;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.vigil.sink.consume.WriteFailedException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A Lua script of this package, run by its SHA-1 ({@code EVALSHA}) and loaded on first use or after
 * Redis restarted and forgot it. A script runs atomically, so a failure never leaves half of one
 * call applied.
 */
final class LuaScript {
  private final String source;
  private final String sha;

  private LuaScript(String source) {
    this.source = source;
    this.sha = sha1(source);
  }

  /** The script in the resource {@code name} next to this class. */
  static LuaScript load(String name) {
    try (InputStream in = LuaScript.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + name);
      }
      return new LuaScript(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** One run of the script. */
  record Call(String[] keys, String... args) {}

  /**
   * Runs every call, pipelined, and waits for all of them; throws {@link WriteFailedException}
   * unless each succeeded.
   */
  void runAll(RedisAsyncCommands<String, String> redis, List<Call> calls, Duration timeout) {
    if (!tryAll(redis, calls, timeout)) {
      // First use, or Redis restarted and forgot its scripts.
      await(redis.scriptLoad(source), timeout);
      if (!tryAll(redis, calls, timeout)) {
        throw new WriteFailedException("Redis does not keep the loaded script", null);
      }
    }
  }

  /** Returns false if Redis did not know the script (nothing was written by those calls). */
  private boolean tryAll(
      RedisAsyncCommands<String, String> redis, List<Call> calls, Duration timeout) {
    List<RedisFuture<Long>> replies = new ArrayList<>(calls.size());
    for (Call call : calls) {
      replies.add(redis.evalsha(sha, ScriptOutputType.INTEGER, call.keys(), call.args()));
    }
    boolean scriptKnown = true;
    for (RedisFuture<Long> reply : replies) {
      try {
        await(reply, timeout);
      } catch (WriteFailedException e) {
        if (!(e.getCause() instanceof RedisNoScriptException)) {
          throw e;
        }
        scriptKnown = false;
      }
    }
    return scriptKnown;
  }

  private static <T> T await(RedisFuture<T> reply, Duration timeout) {
    try {
      return reply.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
    } catch (ExecutionException e) {
      throw new WriteFailedException("Redis write failed: " + e.getCause(), e.getCause());
    } catch (TimeoutException e) {
      throw new WriteFailedException("Redis did not answer within " + timeout, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new WriteFailedException("interrupted while waiting for Redis", e);
    }
  }

  private static String sha1(String script) {
    try {
      MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
      return HexFormat.of().formatHex(sha1.digest(script.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-1", e);
    }
  }
}
