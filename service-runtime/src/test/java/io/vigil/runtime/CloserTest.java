package io.vigil.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CloserTest {
  private final List<String> closed = new ArrayList<>();

  private AutoCloseable part(String name) {
    return () -> closed.add(name);
  }

  @Test
  void shouldCloseInReverseOrderEvenWhenOneFails() {
    Closer closer = new Closer("test");
    closer.register("metrics", part("metrics"));
    closer.register(
        "producer",
        () -> {
          closed.add("producer");
          throw new IllegalStateException("broken");
        });
    closer.register("server", part("server"));

    closer.close();

    assertThat(closed).containsExactly("server", "producer", "metrics");
  }

  @Test
  void shouldCloseOnceAndRefuseLateParts() {
    Closer closer = new Closer("test");
    closer.register("metrics", part("metrics"));

    closer.close();
    closer.close();

    assertThat(closed).containsExactly("metrics");
    assertThatThrownBy(() -> closer.register("late", part("late")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("late");
  }
}
