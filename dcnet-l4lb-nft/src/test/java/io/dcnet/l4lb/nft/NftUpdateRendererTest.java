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
  void aDrainedDestinationMovesItsServiceToAnotherStandingPickChainAndRecordsWeightZero() {
    L4Snapshot after =
        BEFORE.with(WEB, List.of(dest("10.9.0.1", 8080, 1), dest("10.9.0.2", 8080, 0)));
    assertThat(NftUpdateRenderer.render(BEFORE, after, "t"))
        .isEqualTo(
            "delete element inet t hairpin4 { 10.9.0.2 . 10.9.0.2 }\n"
                + "delete element inet t services4 { tcp . 11.0.0.1 . 80 }\n"
                + "delete element inet t slots4-tcp { 11.0.0.1 . 80 . 1 }\n"
                + "add element inet t services4 { tcp . 11.0.0.1 . 80 : goto pick4-1 }\n"
                + "add element inet t weights4 { tcp . 11.0.0.1 . 80 . 10.9.0.2 . 8080 : 0 }\n");
  }

  @Test
  void aReplacedDestinationIsOneSlotElement() {
    L4Snapshot after =
        BEFORE.with(WEB, List.of(dest("10.9.0.1", 8080, 1), dest("10.9.0.5", 8080, 1)));
    assertThat(NftUpdateRenderer.render(BEFORE, after, "t"))
        .isEqualTo(
            "delete element inet t hairpin4 { 10.9.0.2 . 10.9.0.2 }\n"
                + "delete element inet t slots4-tcp { 11.0.0.1 . 80 . 1 }\n"
                + "add element inet t hairpin4 { 10.9.0.5 . 10.9.0.5 }\n"
                + "add element inet t slots4-tcp { 11.0.0.1 . 80 . 1 : 10.9.0.5 . 8080 }\n");
  }

  @Test
  void addedAndRemovedServices() {
    ServiceKey web6 = key(Protocol.TCP, "fd01:c::1", 80);
    L4Snapshot after = BEFORE.without(DNS).with(web6, List.of(dest("fd00:9::1", 80, 0)));
    assertThat(NftUpdateRenderer.render(BEFORE, after, "t"))
        .isEqualTo(
            "delete element inet t hairpin4 { 10.9.0.4 . 10.9.0.4 }\n"
                + "delete element inet t services4 { udp . 11.0.0.2 . 53 }\n"
                + "delete element inet t slots4-udp { 11.0.0.2 . 53 . 0 }\n"
                + "add element inet t services6 { tcp . fd01:c::1 . 80 : goto refuse }\n"
                + "add element inet t weights6 { tcp . fd01:c::1 . 80 . fd00:9::1 . 80 : 0 }\n");
  }

  @Test
  void aNewLargeSlotCountAddsItsPickChainBeforeTheElementsThatUseItAndDeletesItWhenUnused() {
    ServiceKey api = key(Protocol.TCP, "11.0.0.3", 443);
    L4Snapshot after =
        BEFORE.with(api, List.of(dest("10.9.0.6", 443, 1), dest("10.9.0.7", 443, 16)));
    String script = NftUpdateRenderer.render(BEFORE, after, "t");
    assertThat(script)
        .startsWith(
            "add chain inet t pick4-17\n"
                + "add rule inet t pick4-17 meta mark set meta mark | 0x00004000\n"
                + "add rule inet t pick4-17 meta l4proto tcp dnat ip to ip daddr . tcp dport"
                + " . numgen random mod 17 map @slots4-tcp\n")
        .contains("add element inet t services4 { tcp . 11.0.0.3 . 443 : goto pick4-17 }\n")
        .contains(
            "add element inet t slots4-tcp { 11.0.0.3 . 443 . 0 : 10.9.0.6 . 443,"
                + " 11.0.0.3 . 443 . 1 : 10.9.0.7 . 443,")
        .doesNotContain("delete");
    assertThat(NftUpdateRenderer.render(after, BEFORE, "t"))
        .endsWith("delete chain inet t pick4-17\n");
  }

  @Test
  void aServiceMovingBetweenStandingSlotCountsNeverAddsOrDeletesAChain() {
    ServiceKey api = key(Protocol.TCP, "11.0.0.3", 443);
    L4Snapshot three =
        BEFORE.with(
            api,
            List.of(dest("10.9.0.6", 443, 1), dest("10.9.0.7", 443, 1), dest("10.9.0.8", 443, 1)));
    assertThat(NftUpdateRenderer.render(BEFORE, three, "t"))
        .contains("goto pick4-3")
        .doesNotContain("chain");
    assertThat(NftUpdateRenderer.render(three, BEFORE, "t")).doesNotContain("chain");
  }
}
