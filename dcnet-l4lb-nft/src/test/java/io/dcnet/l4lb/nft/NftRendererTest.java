package io.dcnet.l4lb.nft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dcnet.core.net.IpLiterals;
import io.dcnet.l4lb.dataplane.Destination;
import io.dcnet.l4lb.dataplane.L4Snapshot;
import io.dcnet.l4lb.dataplane.ServiceKey;
import io.dcnet.l4lb.model.Protocol;
import java.util.List;
import org.junit.jupiter.api.Test;

class NftRendererTest {
  private static final ServiceKey WEB = key(Protocol.TCP, "11.0.0.1", 80);
  private static final ServiceKey DNS = key(Protocol.UDP, "11.0.0.2", 53);
  private static final ServiceKey WEB6 = key(Protocol.TCP, "fd01:c::1", 8080);
  private static final ServiceKey DEAD = key(Protocol.TCP, "11.0.0.4", 9000);

  private static final L4Snapshot SMALL =
      L4Snapshot.empty()
          .with(
              WEB,
              List.of(
                  dest("10.9.0.1", 8080, 1), dest("10.9.0.2", 8080, 3), dest("10.9.0.3", 31000, 0)))
          .with(DNS, List.of(dest("10.9.0.4", 5353, 0)))
          .with(WEB6, List.of(dest("fd00:9::1", 80, 2)))
          .with(DEAD, List.of());

  @Test
  void replacesTheWholeTableInOneScript() {
    String script = NftRenderer.render(SMALL, "dcnet-l4lb");
    assertThat(script)
        .startsWith(
            "add table inet dcnet-l4lb\ndelete table inet dcnet-l4lb\ntable inet dcnet-l4lb {\n")
        .endsWith("}\n");
  }

  @Test
  void servicesAreConcatenatedVerdictMapEntriesGoingToAPickChainPerSlotCount() {
    String script = NftRenderer.render(SMALL, "dcnet-l4lb");
    assertThat(script)
        .contains("    type inet_proto . ipv4_addr . inet_service : verdict\n")
        .contains("      tcp . 11.0.0.1 . 80 : goto pick4-4,\n")
        .contains("      udp . 11.0.0.2 . 53 : goto refuse,\n")
        .contains("    type inet_proto . ipv6_addr . inet_service : verdict\n")
        .contains("      tcp . fd01:c::1 . 8080 : goto pick6-1\n")
        .contains("    meta l4proto . ip daddr . th dport vmap @services4\n")
        .contains("    meta l4proto . ip6 daddr . th dport vmap @services6\n")
        .contains("    type nat hook output priority -100; policy accept;\n    jump services\n")
        .contains(
            "    type nat hook prerouting priority -100; policy accept;\n    jump services\n");
  }

  @Test
  void weightsBecomeSlotsOfOneSharedMapPerFamilyAndProtocol() {
    String script = NftRenderer.render(SMALL, "dcnet-l4lb");
    assertThat(script)
        .contains(
            "  map slots4-tcp {\n"
                + "    typeof ip daddr . tcp dport . numgen random mod 1 : ip daddr . tcp dport\n"
                + "    elements = {\n"
                + "      11.0.0.1 . 80 . 0 : 10.9.0.1 . 8080,\n"
                + "      11.0.0.1 . 80 . 1 : 10.9.0.2 . 8080,\n"
                + "      11.0.0.1 . 80 . 2 : 10.9.0.2 . 8080,\n"
                + "      11.0.0.1 . 80 . 3 : 10.9.0.2 . 8080\n"
                + "    }\n")
        .contains(
            "  map slots4-udp {\n"
                + "    typeof ip daddr . udp dport . numgen random mod 1 : ip daddr . udp dport\n"
                + "  }\n")
        .contains("      fd01:c::1 . 8080 . 0 : fd00:9::1 . 80\n")
        .contains(
            "  chain pick4-4 {\n"
                + "    meta mark set meta mark | 0x00004000\n"
                + "    meta l4proto tcp dnat ip to ip daddr . tcp dport"
                + " . numgen random mod 4 map @slots4-tcp\n"
                + "    meta l4proto udp dnat ip to ip daddr . udp dport"
                + " . numgen random mod 4 map @slots4-udp\n"
                + "  }\n")
        .contains(
            "    meta l4proto tcp dnat ip6 to ip6 daddr . tcp dport"
                + " . numgen random mod 1 map @slots6-tcp\n");
  }

  @Test
  void weightsTheSlotsDoNotShowAreRecorded() {
    String script = NftRenderer.render(SMALL, "dcnet-l4lb");
    assertThat(script)
        .contains(
            "    type inet_proto . ipv4_addr . inet_service . ipv4_addr . inet_service : mark\n"
                + "    elements = {\n"
                + "      tcp . 11.0.0.1 . 80 . 10.9.0.3 . 31000 : 0,\n"
                + "      udp . 11.0.0.2 . 53 . 10.9.0.4 . 5353 : 0\n"
                + "    }\n")
        .contains("      tcp . fd01:c::1 . 8080 . fd00:9::1 . 80 : 2\n")
        .doesNotContain(": 10.9.0.3 . 31000");
  }

  @Test
  void servicesWithoutLiveDestinationsGoToTheRefuseChain() {
    String script = NftRenderer.render(SMALL, "dcnet-l4lb");
    assertThat(script)
        .contains("      tcp . 11.0.0.4 . 9000 : goto refuse\n")
        .contains(
            "  chain refuse {\n    meta l4proto tcp reject with tcp reset\n    reject\n  }\n");
  }

  @Test
  void hairpinPairsAndMasqueradeOfMarkedPackets() {
    String script = NftRenderer.render(SMALL, "dcnet-l4lb");
    assertThat(script)
        .contains("      10.9.0.1 . 10.9.0.1,\n      10.9.0.2 . 10.9.0.2\n")
        .contains("      fd00:9::1 . fd00:9::1\n")
        .doesNotContain("10.9.0.3 . 10.9.0.3")
        .contains(
            "    type nat hook postrouting priority 100; policy accept;\n"
                + "    meta mark & 0x00004000 == 0 return\n"
                + "    meta mark set meta mark ^ 0x00004000\n"
                + "    ip saddr . ip daddr @hairpin4 masquerade\n"
                + "    ip6 saddr . ip6 daddr @hairpin6 masquerade\n");
  }

  @Test
  void emptySnapshotHasNoElementsAndOnlyTheStandingPickChains() {
    String script = NftRenderer.render(L4Snapshot.empty(), "t");
    assertThat(script)
        .doesNotContain("elements")
        .contains("chain pick4-1 {", "chain pick4-16 {", "chain pick6-1 {", "chain pick6-16 {")
        .doesNotContain("chain pick4-17 {", "chain pick6-17 {");
    assertThat(script.split("chain pick", -1)).hasSize(2 * NftRenderer.STANDING_SLOTS + 1);
  }

  @Test
  void aSlotCountBeyondTheStandingOnesGetsItsChainOnlyWhileUsed() {
    List<Destination> heavy = List.of(dest("10.9.0.1", 80, 1), dest("10.9.0.2", 80, 16));
    assertThat(NftRenderer.render(L4Snapshot.empty().with(WEB, heavy), "t"))
        .contains("chain pick4-17 {")
        .doesNotContain("chain pick4-18 {");
    assertThat(NftRenderer.isStanding("pick4-16")).isTrue();
    assertThat(NftRenderer.isStanding("pick6-1")).isTrue();
    assertThat(NftRenderer.isStanding("pick4-17")).isFalse();
    assertThat(NftRenderer.isStanding("refuse")).isFalse();
  }

  @Test
  void rejectsBadTableNamesAndMixedFamilies() {
    assertThatThrownBy(() -> NftRenderer.render(SMALL, "bad name; flush ruleset"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("table: bad name; flush ruleset (expected:");
    L4Snapshot mixed = L4Snapshot.empty().with(WEB, List.of(dest("fd00:9::1", 80, 1)));
    assertThatThrownBy(() -> NftRenderer.render(mixed, "t"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("expected: the same address family as the service");
  }

  @Test
  void deleteScriptNeverFails() {
    assertThat(NftRenderer.renderDelete("t")).isEqualTo("add table inet t\ndelete table inet t\n");
  }

  static ServiceKey key(Protocol p, String ip, int port) {
    return new ServiceKey(p, IpLiterals.parse(ip).orElseThrow(), port);
  }

  static Destination dest(String ip, int port, int weight) {
    return new Destination(IpLiterals.parse(ip).orElseThrow(), port, weight);
  }
}
