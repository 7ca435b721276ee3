package io.dcnet.l4lb.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.dcnet.l4lb.dataplane.Destination;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DestinationTableTest {
  private final Random random = new Random(42);

  @Test
  void emptyAndDrainedTablesChooseNothing() {
    assertThat(DestinationTable.empty().choose(random)).isEmpty();
    DestinationTable drained =
        DestinationTable.of(List.of(d(1, 0), d(2, 0)), DestinationTable.empty());
    assertThat(drained.hasLive()).isFalse();
    assertThat(drained.choose(random)).isEmpty();
  }

  @Test
  void weightZeroIsNeverChosen() {
    DestinationTable t =
        DestinationTable.of(List.of(d(1, 0), d(2, 1), d(3, 0)), DestinationTable.empty());
    for (int i = 0; i < 200; i++) {
      assertThat(t.choose(random).orElseThrow().destination()).isEqualTo(d(2, 1));
    }
  }

  @Test
  void theLessLoadedOfTwoWins() {
    DestinationTable t = DestinationTable.of(List.of(d(1, 1), d(2, 1)), DestinationTable.empty());
    DestinationLoad busy = t.loads().get(0);
    busy.acquire();
    busy.acquire();
    for (int i = 0; i < 100; i++) {
      assertThat(t.choose(random).orElseThrow().destination()).isEqualTo(d(2, 1));
    }
  }

  @Test
  void loadIsComparedPerUnitOfWeight() {
    DestinationTable t = DestinationTable.of(List.of(d(1, 3), d(2, 1)), DestinationTable.empty());
    DestinationLoad heavy = t.loads().get(0);
    DestinationLoad light = t.loads().get(1);
    heavy.acquire();
    heavy.acquire(); // 2 of 3
    light.acquire(); // 1 of 1
    for (int i = 0; i < 100; i++) {
      assertThat(t.choose(random).orElseThrow()).isSameAs(heavy);
    }
  }

  @Test
  void excludedDestinationsAreSkipped() {
    DestinationTable t =
        DestinationTable.of(List.of(d(1, 1), d(2, 1), d(3, 1)), DestinationTable.empty());
    Set<InetSocketAddress> failed = Set.of(sock(1), sock(3));
    for (int i = 0; i < 50; i++) {
      assertThat(t.choose(random, failed).orElseThrow().destination()).isEqualTo(d(2, 1));
    }
    assertThat(t.choose(random, Set.of(sock(1), sock(2), sock(3)))).isEmpty();
  }

  @Test
  void idleDestinationsShareByWeight() {
    DestinationTable t =
        DestinationTable.of(List.of(d(1, 1), d(2, 1), d(3, 1), d(4, 5)), DestinationTable.empty());
    Map<Integer, Integer> counts = new HashMap<>();
    for (int i = 0; i < 4000; i++) {
      int last = t.choose(random).orElseThrow().destination().address().getAddress()[3];
      counts.merge(last, 1, Integer::sum);
    }
    assertThat(counts).containsOnlyKeys(1, 2, 3, 4);
    assertThat(counts.get(4)).isGreaterThan(counts.get(1) * 3);
  }

  @Test
  void aSwapKeepsTheLoadOfDestinationsThatStay() {
    DestinationTable before =
        DestinationTable.of(List.of(d(1, 1), d(2, 1)), DestinationTable.empty());
    before.loads().get(0).acquire();
    DestinationTable after = DestinationTable.of(List.of(d(1, 0), d(3, 1)), before);
    assertThat(after.loads().get(0).active()).isEqualTo(1);
    assertThat(after.loads().get(1).active()).isZero();
    assertThat(after.destinations()).containsExactly(d(1, 0), d(3, 1));
  }

  private static Destination d(int last, int weight) {
    return new Destination(ip(last), 8080, weight);
  }

  private static InetSocketAddress sock(int last) {
    return new InetSocketAddress(ip(last), 8080);
  }

  private static InetAddress ip(int last) {
    try {
      return InetAddress.getByAddress(new byte[] {10, 0, 0, (byte) last});
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException(e);
    }
  }
}
