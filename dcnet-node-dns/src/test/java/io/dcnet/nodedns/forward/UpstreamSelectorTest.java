package io.dcnet.nodedns.forward;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class UpstreamSelectorTest {
  private static final InetSocketAddress A = new InetSocketAddress("10.0.0.1", 53);
  private static final InetSocketAddress B = new InetSocketAddress("10.0.0.2", 53);
  private static final InetSocketAddress C = new InetSocketAddress("10.0.0.3", 53);
  private static final InetSocketAddress D = new InetSocketAddress("10.0.0.4", 53);

  @Test
  void fewerThanThreeQueriesAll() {
    assertThat(UpstreamSelector.select(List.of(A, B), u -> 100, new Random(1)))
        .containsExactly(A, B);
    assertThat(UpstreamSelector.select(List.of(A), u -> 0, new Random(1))).containsExactly(A);
  }

  @Test
  void twoRandomFromTheLowestBucket() {
    Map<InetSocketAddress, Long> failures = Map.of(A, 0L, B, 0L, C, 0L, D, 5L);
    Set<InetSocketAddress> seen = new HashSet<>();
    Random random = new Random(7);
    for (int i = 0; i < 200; i++) {
      List<InetSocketAddress> pick =
          UpstreamSelector.select(List.of(A, B, C, D), failures::get, random);
      assertThat(pick).hasSize(2).doesNotHaveDuplicates().doesNotContain(D);
      seen.addAll(pick);
    }
    assertThat(seen).containsExactlyInAnyOrder(A, B, C);
  }

  @Test
  void singleLowestPlusOneFromTheNextBucket() {
    Map<InetSocketAddress, Long> failures = Map.of(A, 3L, B, 1L, C, 3L, D, 9L);
    Set<InetSocketAddress> second = new HashSet<>();
    Random random = new Random(3);
    for (int i = 0; i < 100; i++) {
      List<InetSocketAddress> pick =
          UpstreamSelector.select(List.of(A, B, C, D), failures::get, random);
      assertThat(pick.get(0)).isEqualTo(B);
      second.add(pick.get(1));
    }
    assertThat(second).containsExactlyInAnyOrder(A, C);
  }
}
