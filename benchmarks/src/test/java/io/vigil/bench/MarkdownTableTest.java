package io.vigil.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class MarkdownTableTest {

  @Test
  void shouldAlignTextColumnsLeftAndFiguresRight() {
    String table =
        MarkdownTable.render(
            List.of(List.of("name", "kind", "n"), List.of("a", "long kind", "1,234")), 2);

    assertThat(table.lines().toList())
        .containsExactly(
            "| name | kind      |     n |",
            "| ---- | --------- | ----- |",
            "| a    | long kind | 1,234 |");
  }

  @Test
  void shouldRejectARowOfAnotherWidth() {
    assertThatThrownBy(() -> MarkdownTable.render(List.of(List.of("a", "b"), List.of("1")), 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("2 cells");
  }
}
