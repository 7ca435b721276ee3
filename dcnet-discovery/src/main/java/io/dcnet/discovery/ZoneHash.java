package io.dcnet.discovery;

import io.dcnet.core.dns.DnsZone;
import io.dcnet.core.dns.ZoneRecord;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * SHA-256 of a zone's content in canonical order ({@link ZoneOrder}), as hex. Equal content gives
 * an equal hash whatever the order the zone was built in.
 *
 * <p>Thread-safe: stateless.
 */
public final class ZoneHash {
  private ZoneHash() {}

  public static String sha256(DnsZone zone) {
    MessageDigest md;
    try {
      md = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256: not available", e);
    }
    DnsZone c = ZoneOrder.canonical(zone);
    update(md, c.name());
    for (Map.Entry<String, List<ZoneRecord>> e : c.records().entrySet()) {
      for (ZoneRecord r : e.getValue()) {
        update(md, e.getKey());
        update(md, r.toString());
      }
    }
    return HexFormat.of().formatHex(md.digest());
  }

  private static void update(MessageDigest md, String s) {
    md.update(s.getBytes(StandardCharsets.UTF_8));
    md.update((byte) '\n');
  }
}
