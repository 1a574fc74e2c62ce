package io.vigil.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResourcesTest {
  private final List<String> closed = new ArrayList<>();

  @Test
  void shouldCloseEveryPartInOrderAndReportTheFirstFailureWithTheOthersSuppressed() {
    AutoCloseable first = () -> closed.add("first");
    AutoCloseable failing =
        () -> {
          closed.add("failing");
          throw new IllegalStateException("boom");
        };
    AutoCloseable alsoFailing =
        () -> {
          closed.add("also failing");
          throw new java.io.IOException("bang");
        };
    AutoCloseable last = () -> closed.add("last");

    assertThatThrownBy(() -> Resources.closeInOrder(first, failing, alsoFailing, last))
        .hasMessage("boom")
        .satisfies(e -> assertThat(e.getSuppressed()).hasSize(1));
    assertThat(closed).containsExactly("first", "failing", "also failing", "last");
  }
}
