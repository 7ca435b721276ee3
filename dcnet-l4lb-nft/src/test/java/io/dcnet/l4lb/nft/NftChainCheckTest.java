package io.dcnet.l4lb.nft;

import static io.dcnet.l4lb.nft.NftRendererTest.dest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dcnet.l4lb.dataplane.L4Snapshot;
import io.dcnet.l4lb.dataplane.ServiceKey;
import io.dcnet.l4lb.model.Protocol;
import java.io.IOException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class NftChainCheckTest {
  /** The shape of {@code nft -j list chains inet} (nftables 1.0.6), two tables. */
  private static final String LISTED =
      """
      {"nftables": [{"metainfo": {"version": "1.0.6", "json_schema_version": 1}},
       {"chain": {"family": "inet", "table": "dcnet-l4lb", "name": "services", "handle": 1}},
       {"chain": {"family": "inet", "table": "dcnet-l4lb", "name": "output", "handle": 2,
                  "type": "nat", "hook": "output", "prio": -100, "policy": "accept"}},
       {"chain": {"family": "inet", "table": "dcnet-l4lb", "name": "pick4-3", "handle": 7}},
       {"chain": {"family": "inet", "table": "other", "name": "input", "handle": 1,
                  "type": "filter", "hook": "input", "prio": 0, "policy": "drop"}}]}
      """;

  @Test
  void expectsTheFixedChainsTheStandingPickChainsAndOnePerLargerSlotCountInUse() throws Exception {
    ServiceKey a = new ServiceKey(Protocol.TCP, InetAddress.getByName("11.0.0.1"), 80);
    ServiceKey b = new ServiceKey(Protocol.UDP, InetAddress.getByName("11.0.0.2"), 53);
    ServiceKey c = new ServiceKey(Protocol.TCP, InetAddress.getByName("fd01:c::1"), 80);
    ServiceKey drained = new ServiceKey(Protocol.TCP, InetAddress.getByName("11.0.0.3"), 80);
    L4Snapshot s =
        L4Snapshot.empty()
            .with(a, List.of(dest("10.9.0.1", 80, 1), dest("10.9.0.2", 80, 2)))
            .with(b, List.of(dest("10.9.0.3", 53, 2), dest("10.9.0.4", 53, 4)))
            .with(c, List.of(dest("fd00:9::1", 80, 1), dest("fd00:9::2", 80, 19)))
            .with(drained, List.of(dest("10.9.0.5", 80, 0)));
    List<String> want =
        new ArrayList<>(
            List.of(
                "output (nat output -100 accept)",
                "pick6-20",
                "postrouting (nat postrouting 100 accept)",
                "prerouting (nat prerouting -100 accept)",
                "refuse",
                "services"));
    want.addAll(NftRenderer.standingChains());
    assertThat(NftChainCheck.expected(s)).containsExactlyInAnyOrderElementsOf(want);
  }

  @Test
  void readsOnlyTheOwnTablesChains() throws Exception {
    assertThat(NftChainCheck.installed(LISTED, "dcnet-l4lb"))
        .containsExactly("output (nat output -100 accept)", "pick4-3", "services");
    assertThat(NftChainCheck.installed(LISTED, "absent")).isEmpty();
    assertThatThrownBy(() -> NftChainCheck.installed("{\"x\": 1}", "t"))
        .isInstanceOf(IOException.class);
  }

  @Test
  void comparesNamesAndBaseChainHooks() {
    TreeSet<String> expected = NftChainCheck.expected(L4Snapshot.empty());
    assertThat(NftChainCheck.compare(expected, new TreeSet<>(expected))).isEmpty();
    assertThat(NftChainCheck.compare(expected, new TreeSet<>()))
        .contains("no chains (table deleted or flushed)");

    TreeSet<String> rehooked = new TreeSet<>(expected);
    rehooked.remove("output (nat output -100 accept)");
    rehooked.add("output (nat output 0 accept)");
    rehooked.add("extra");
    assertThat(NftChainCheck.compare(expected, rehooked))
        .contains(
            "chains missing [output (nat output -100 accept)]"
                + " unexpected [extra, output (nat output 0 accept)]");
  }
}
