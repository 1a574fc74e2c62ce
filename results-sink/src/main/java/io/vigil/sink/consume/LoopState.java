package io.vigil.sink.consume;

/** Life cycle of an {@link ConsumerLoop}. */
public enum LoopState {
  /** Created, thread not started yet. */
  NEW,
  /** Polling and writing. */
  RUNNING,
  /** The last write failed; partitions are paused until the back-off has passed. */
  RETRYING,
  /** Closed on request. */
  STOPPED,
  /** Ended by an error it cannot recover from (e.g. authorisation); see the log. */
  FAILED
}
