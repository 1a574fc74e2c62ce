package io.vigil.launcher;

/** Entry point of the {@code vigil} command; only wires picocli to the commands. */
public final class VigilMain {
  private VigilMain() {}

  public static void main(String[] args) {
    System.exit(VigilCommand.commandLine().execute(args));
  }
}
