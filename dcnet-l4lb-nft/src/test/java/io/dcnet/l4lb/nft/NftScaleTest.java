package io.dcnet.l4lb.nft;

import static org.assertj.core.api.Assertions.assertThat;

import io.dcnet.l4lb.dataplane.Destination;
import io.dcnet.l4lb.dataplane.L4Snapshot;
import io.dcnet.l4lb.dataplane.ServiceKey;
import io.dcnet.l4lb.model.Protocol;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * 10,000 services x 5 destinations in one {@code nft -f} transaction inside a fresh namespace.
 * Prints the times (no timing assertion: the machine is shared); the bench module measures
 * properly.
 */
@Tag("root")
class NftScaleTest {
  private static final int SERVICES = 10_000;
  private static final int DESTINATIONS = 5;

  @Test
  void tenThousandServicesInOneTransaction() throws Exception {
    L4Snapshot big = snapshot();
    try (Netns ns = Netns.create();
        NftDataPlane dp =
            NftDataPlane.open(
                NftDataPlane.DEFAULT_TABLE, ns.runner().withTimeout(Duration.ofMinutes(2)))) {
      long t0 = System.nanoTime();
      dp.sync(big);
      long applied = System.nanoTime();
      L4Snapshot back = dp.installed();
      long read = System.nanoTime();
      ServiceKey first = big.services().firstKey();
      L4Snapshot oneChange =
          big.with(first, List.of(big.services().get(first).get(0).withWeight(0)));
      dp.sync(oneChange);
      long changed = System.nanoTime();
      long renderStart = System.nanoTime();
      String update = NftUpdateRenderer.render(oneChange, big, NftDataPlane.DEFAULT_TABLE);
      long renderUpdate = System.nanoTime() - renderStart;
      dp.sync(big);
      long changedBack = System.nanoTime();
      Optional<String> quick = dp.quickCheck(); // the first one also computes the expected chains
      long quickEnd = System.nanoTime();
      Optional<String> quickAgain = dp.quickCheck();
      long quickAgainEnd = System.nanoTime();
      System.out.printf(
          "nft scale: %d services x %d destinations: apply from empty %d ms, read back %d ms,"
              + " apply with one change %d ms (again: %d ms, of which rendering %d ms), full script"
              + " %d KiB, update script %d B, quick check %d ms (again: %d ms)%n",
          SERVICES,
          DESTINATIONS,
          (applied - t0) / 1_000_000,
          (read - applied) / 1_000_000,
          (changed - read) / 1_000_000,
          (changedBack - changed - renderUpdate) / 1_000_000,
          renderUpdate / 1_000_000,
          NftRenderer.render(big, NftDataPlane.DEFAULT_TABLE).length() / 1024,
          update.length(),
          (quickEnd - changedBack) / 1_000_000,
          (quickAgainEnd - quickEnd) / 1_000_000);
      assertThat(quick).isEmpty();
      assertThat(quickAgain).isEmpty();
      assertThat(back.serviceCount()).isEqualTo(SERVICES);
      assertThat(back).isEqualTo(big);
    }
  }

  private static L4Snapshot snapshot() throws Exception {
    TreeMap<ServiceKey, List<Destination>> services = new TreeMap<>();
    for (int i = 0; i < SERVICES; i++) {
      InetAddress vip = InetAddress.getByAddress(new byte[] {11, 1, (byte) (i >> 8), (byte) i});
      List<Destination> dests = new ArrayList<>();
      for (int d = 0; d < DESTINATIONS; d++) {
        InetAddress a =
            InetAddress.getByAddress(new byte[] {10, (byte) d, (byte) (i >> 8), (byte) i});
        dests.add(new Destination(a, 8000 + d, 1));
      }
      services.put(new ServiceKey(Protocol.TCP, vip, 80), dests);
    }
    return new L4Snapshot(services);
  }
}
