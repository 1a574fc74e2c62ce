package io.vigil.launcher;

import io.vigil.runtime.http.ApiKeys;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code vigil hash-key}: the SHA-256 of an API key, or a new key and its hash. */
@Command(
    name = "hash-key",
    mixinStandardHelpOptions = true,
    description = {
      "Prints the SHA-256 hash of an API key, the form VIGIL_INGEST_API_KEYS holds.",
      "Without a key, makes a new random one and prints it with its hash."
    })
final class HashKeyCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Parameters(arity = "0..1", paramLabel = "KEY", description = "The key to hash.")
  String key;

  @Override
  public Integer call() {
    if (key == null) {
      String fresh = ApiKeys.newKey();
      spec.commandLine().getOut().println("key:  " + fresh);
      spec.commandLine().getOut().println("hash: " + ApiKeys.hash(fresh));
    } else {
      spec.commandLine().getOut().println(ApiKeys.hash(key));
    }
    spec.commandLine().getOut().flush();
    return 0;
  }
}
