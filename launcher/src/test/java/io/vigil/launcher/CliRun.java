package io.vigil.launcher;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs the {@code vigil} command line in-process and keeps what it printed. */
final class CliRun {
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  int execute(String... args) {
    var cli = VigilCommand.commandLine();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    return cli.execute(args);
  }

  String out() {
    return out.toString();
  }

  String err() {
    return err.toString();
  }
}
