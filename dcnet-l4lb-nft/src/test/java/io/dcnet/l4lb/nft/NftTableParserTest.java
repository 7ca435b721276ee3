package io.dcnet.l4lb.nft;

import static io.dcnet.l4lb.nft.NftRendererTest.dest;
import static io.dcnet.l4lb.nft.NftRendererTest.key;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dcnet.l4lb.dataplane.L4Snapshot;
import io.dcnet.l4lb.model.Protocol;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Parses {@code small-table.json}: the output of {@code nft -j list table inet dcnet-l4lb} (nft
 * 1.0.6) after {@code nft -f} of {@link NftRenderer#render} for {@link #SMALL}.
 */
class NftTableParserTest {
  static final L4Snapshot SMALL =
      L4Snapshot.empty()
          .with(
              key(Protocol.TCP, "11.0.0.1", 80),
              List.of(
                  dest("10.9.0.1", 8080, 1), dest("10.9.0.2", 8080, 3), dest("10.9.0.3", 31000, 0)))
          .with(key(Protocol.UDP, "11.0.0.2", 53), List.of(dest("10.9.0.4", 5353, 0)))
          .with(key(Protocol.TCP, "fd01:c::1", 8080), List.of(dest("fd00:9::1", 80, 2)))
          .with(key(Protocol.TCP, "11.0.0.4", 9000), List.of());

  @Test
  void readsServicesWeightsAndDrainedDestinations() throws Exception {
    assertThat(NftTableParser.parse(resource("small-table.json"))).isEqualTo(SMALL);
  }

  @Test
  void anEmptyTableIsAnEmptySnapshot() throws Exception {
    String json =
        "{\"nftables\": [{\"metainfo\": {\"version\": \"1.0.6\"}},"
            + " {\"table\": {\"family\": \"inet\", \"name\": \"dcnet-l4lb\", \"handle\": 1}}]}";
    assertThat(NftTableParser.parse(json)).isEqualTo(L4Snapshot.empty());
  }

  @Test
  void rejectsOutputItDoesNotUnderstand() {
    assertThatThrownBy(() -> NftTableParser.parse("{\"tables\": []}"))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("no \"nftables\" array");
    String badProto =
        "{\"nftables\": [{\"map\": {\"name\": \"services4\", \"elem\": [[{\"concat\": [\"sctp\","
            + " \"11.0.0.1\", 80]}, {\"goto\": {\"target\": \"x\"}}]]}}]}";
    assertThatThrownBy(() -> NftTableParser.parse(badProto))
        .isInstanceOf(IOException.class)
        .hasMessage("services4: protocol sctp (expected: tcp or udp)");
  }

  @Test
  void aTableOfAnotherLayoutIsAnError() {
    String oldLayout =
        "{\"nftables\": [{\"map\": {\"name\": \"services4\", \"elem\": [[{\"concat\": [\"tcp\","
            + " \"11.0.0.1\", 80]}, {\"goto\": {\"target\": \"svc-tcp-11.0.0.1-80\"}}]]}}]}";
    assertThatThrownBy(() -> NftTableParser.parse(oldLayout))
        .isInstanceOf(IOException.class)
        .hasMessage(
            "services4: tcp://11.0.0.1:80 goes to svc-tcp-11.0.0.1-80"
                + " (expected: goto pick4-<slots> or refuse)");
  }

  @Test
  void missingOrExtraSlotsAreErrors() {
    String services =
        "{\"map\": {\"name\": \"services4\", \"elem\": [[{\"concat\": [\"tcp\", \"11.0.0.1\","
            + " 80]}, {\"goto\": {\"target\": \"pick4-2\"}}]]}}";
    String oneSlot =
        "{\"map\": {\"name\": \"slots4-tcp\", \"elem\": [[{\"concat\": [\"11.0.0.1\", 80,"
            + " 0]}, {\"concat\": [\"10.9.0.1\", 8080]}]]}}";
    assertThatThrownBy(
            () -> NftTableParser.parse("{\"nftables\": [" + services + ", " + oneSlot + "]}"))
        .isInstanceOf(IOException.class)
        .hasMessage("tcp://11.0.0.1:80: slot 1 of 2 is missing");
    String threeSlots =
        oneSlot.replace(
            "]]}}",
            "], [{\"concat\": [\"11.0.0.1\", 80, 1]},"
                + " {\"concat\": [\"10.9.0.1\", 8080]}], [{\"concat\": [\"11.0.0.1\", 80, 2]},"
                + " {\"concat\": [\"10.9.0.2\", 8080]}]]}}");
    assertThatThrownBy(
            () -> NftTableParser.parse("{\"nftables\": [" + services + ", " + threeSlots + "]}"))
        .isInstanceOf(IOException.class)
        .hasMessage("tcp://11.0.0.1:80: 3 slots (expected: 2, its pick chain's)");
    assertThatThrownBy(() -> NftTableParser.parse("{\"nftables\": [" + oneSlot + "]}"))
        .isInstanceOf(IOException.class)
        .hasMessage("slots map: entry for tcp://11.0.0.1:80 which is not in a services map");
  }

  private static String resource(String name) throws IOException {
    try (InputStream in = NftTableParserTest.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IOException("missing test resource " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
