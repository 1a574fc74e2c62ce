package io.vigil.ingest.replay;

/** What a replay reports while it runs; called on the replaying thread. */
public interface ReplayProgress {
  /**
   * Called at most a few times per second and once at the end.
   *
   * @param bytesRead bytes read so far over all inputs
   * @param totalBytes bytes of all inputs, or -1 when one has no known size
   * @param lines lines read so far (headers and blank lines included)
   * @param events events sent so far
   */
  void update(long bytesRead, long totalBytes, long lines, long events);

  /** A line that is not a valid event; it has been sent to the dead-letter topic. */
  void badLine(String input, long lineNumber, String reason);

  ReplayProgress NONE =
      new ReplayProgress() {
        @Override
        public void update(long bytesRead, long totalBytes, long lines, long events) {}

        @Override
        public void badLine(String input, long lineNumber, String reason) {}
      };
}
