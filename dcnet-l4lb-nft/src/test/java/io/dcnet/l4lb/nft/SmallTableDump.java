package io.dcnet.l4lb.nft;

import java.nio.charset.StandardCharsets;

/** Regenerates {@code small-table.json}: run as root, prints the JSON to standard output. */
final class SmallTableDump {
  private SmallTableDump() {}

  public static void main(String[] args) throws Exception {
    try (Netns ns = Netns.create()) {
      ns.runner()
          .run(
              NftRenderer.render(NftTableParserTest.SMALL, "dcnet-l4lb")
                  .getBytes(StandardCharsets.UTF_8),
              "nft",
              "-f",
              "-");
      System.out.print(ns.runner().run("nft", "-j", "list", "table", "inet", "dcnet-l4lb"));
    }
  }
}
