package io.dcnet.nodedns.resolv;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class NameserverChoiceTest {
  private static final List<String> NODE = List.of("198.51.100.1", "198.51.100.2", "198.51.100.3");
  private static final List<String> UPSTREAM =
      List.of("10.0.0.1", "10.0.0.2", "10.0.0.3", "10.0.0.4");

  @Test
  void theAnsweringNodeAddressesInTheirOrder() {
    assertThat(
            NameserverChoice.choose(
                NODE, Set.of("198.51.100.3", "198.51.100.1"), UPSTREAM, List.of(), new Random(1)))
        .containsExactly("198.51.100.1", "198.51.100.3");
  }

  @Test
  void atMostThreeNameservers() {
    List<String> five = List.of("127.0.0.1", "127.0.0.2", "127.0.0.3", "127.0.0.4", "127.0.0.5");
    assertThat(NameserverChoice.choose(five, Set.copyOf(five), UPSTREAM, List.of(), new Random(1)))
        .containsExactly("127.0.0.1", "127.0.0.2", "127.0.0.3");
  }

  @Test
  void noneAnswering_threeShuffledFallbacks_keptFromRoundToRound() {
    List<String> first =
        NameserverChoice.choose(NODE, Set.of(), UPSTREAM, List.of(), new Random(7));
    assertThat(first).hasSize(3).doesNotHaveDuplicates().isSubsetOf(UPSTREAM);
    // other seeds give other orders: the choice is shuffled, not the list's head
    List<List<String>> orders =
        List.of(3, 4, 5, 6, 8, 9).stream()
            .map(
                seed ->
                    NameserverChoice.choose(NODE, Set.of(), UPSTREAM, List.of(), new Random(seed)))
            .distinct()
            .toList();
    assertThat(orders.size()).isGreaterThan(1);
    assertThat(NameserverChoice.choose(NODE, Set.of(), UPSTREAM, first, new Random(99)))
        .isSameAs(first);
    // a previous choice of node addresses is not kept
    assertThat(NameserverChoice.choose(NODE, Set.of(), UPSTREAM, NODE, new Random(7)))
        .isEqualTo(first);
  }

  @Test
  void noneAnsweringAndNoFallback_theNodeAddressesAnyway() {
    assertThat(NameserverChoice.choose(NODE, Set.of(), List.of(), List.of(), new Random(1)))
        .isEqualTo(NODE);
  }
}
