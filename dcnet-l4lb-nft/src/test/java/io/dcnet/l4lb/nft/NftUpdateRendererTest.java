package io.dcnet.l4lb.nft;

import static io.dcnet.l4lb.nft.NftRendererTest.dest;
import static io.dcnet.l4lb.nft.NftRendererTest.key;
import static org.assertj.core.api.Assertions.assertThat;

import io.dcnet.l4lb.dataplane.L4Snapshot;
import io.dcnet.l4lb.dataplane.ServiceKey;
import io.dcnet.l4lb.model.Protocol;
import java.util.List;
import org.junit.jupiter.api.Test;

class NftUpdateRendererTest {
  private static final ServiceKey WEB = key(Protocol.TCP, "11.0.0.1", 80);
  private static final ServiceKey DNS = key(Protocol.UDP, "11.0.0.2", 53);
  private static final L4Snapshot BEFORE =
      L4Snapshot.empty()
          .with(WEB, List.of(dest("10.9.0.1", 8080, 1), dest("10.9.0.2", 8080, 1)))
          .with(DNS, List.of(dest("10.9.0.4", 5353, 1)));

  @Test
  void nothingChangedIsAnEmptyScript() {
    assertThat(NftUpdateRenderer.render(BEFORE, BEFORE, "t")).isEmpty();
  }

  @Test
  void aDrainedDestinationRefillsOneChainAndMovesToTheDrainedSet() {
    L4Snapshot after =
        BEFORE.with(WEB, List.of(dest("10.9.0.1", 8080, 1), dest("10.9.0.2", 8080, 0)));
    assertThat(NftUpdateRenderer.render(BEFORE, after, "t"))
        .isEqualTo(
            "flush chain inet t svc-tcp-11.0.0.1-80\n"
                + "add rule inet t svc-tcp-11.0.0.1-80 meta mark set meta mark | 0x00004000\n"
                + "add rule inet t svc-tcp-11.0.0.1-80 numgen random mod 1 <= 0 meta l4proto tcp"
                + " dnat ip to 10.9.0.1:8080\n"
                + "add element inet t drained4 { tcp . 11.0.0.1 . 80 . 10.9.0.2 . 8080 }\n"
                + "delete element inet t hairpin4 { 10.9.0.2 . 10.9.0.2 }\n");
  }

  @Test
  void addedAndRemovedServices() {
    ServiceKey web6 = key(Protocol.TCP, "fd01:c::1", 80);
    L4Snapshot after = BEFORE.without(DNS).with(web6, List.of(dest("fd00:9::1", 80, 0)));
    assertThat(NftUpdateRenderer.render(BEFORE, after, "t"))
        .isEqualTo(
            "delete element inet t services4 { udp . 11.0.0.2 . 53 }\n"
                + "delete chain inet t svc-udp-11.0.0.2-53\n"
                + "add chain inet t svc-tcp-fd01_c__1-80\n"
                + "add rule inet t svc-tcp-fd01_c__1-80 meta l4proto tcp reject with tcp reset\n"
                + "add element inet t services6 { tcp . fd01:c::1 . 80 : goto svc-tcp-fd01_c__1-80 }\n"
                + "add element inet t drained6 { tcp . fd01:c::1 . 80 . fd00:9::1 . 80 }\n"
                + "delete element inet t hairpin4 { 10.9.0.4 . 10.9.0.4 }\n");
  }
}
