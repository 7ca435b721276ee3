package io.dcnet.l4lb.api;

import io.dcnet.l4lb.model.Backend;
import io.dcnet.l4lb.model.VipId;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeSet;

/**
 * The {@code /v1/vips} view (spec 3.5): the body as records Jackson serialises to the spec's shape,
 * and an ETag that changes exactly when the body's content changes. Pure: no HTTP classes here; the
 * REST module serves {@link #entries()} as the JSON array and {@link #etag()} as the header.
 * Immutable; thread-safe.
 *
 * @param entries one entry per VIP, sorted by VIP (the spec's JSON array)
 * @param etag base64 of the SHA-1 of the canonical text form of the entries
 */
public record VipsView(List<VipEntry> entries, String etag) {
  /** The DNS suffix of named VIPs. */
  public static final String NAMED_SUFFIX = ".l4lb.thisdcos.directory";

  public VipsView {
    entries = List.copyOf(entries);
  }

  /** The view of merged VIPs (e.g. {@code L4Build.vips()}): VIP → all its backends. */
  public static VipsView of(SortedMap<VipId, List<Backend>> vips) {
    List<VipEntry> out = new ArrayList<>();
    StringBuilder canonical = new StringBuilder();
    for (Map.Entry<VipId, List<Backend>> e : vips.entrySet()) {
      VipId vip = e.getKey();
      String vipText =
          vip.isNamed() ? vip.host() + NAMED_SUFFIX + ":" + vip.port() : vip.hostPort();
      // one entry per ip:port even if two agents publish it or weights differ
      TreeSet<String> seen = new TreeSet<>();
      List<VipBackendEntry> backends = new ArrayList<>();
      for (Backend b : e.getValue().stream().sorted().toList()) {
        if (seen.add(b.ip() + "#" + b.port())) {
          backends.add(new VipBackendEntry(b.ip(), b.port()));
        }
      }
      out.add(new VipEntry(vipText, vip.protocol().wireName(), backends));
      canonical.append(vipText).append(' ').append(vip.protocol().wireName());
      for (VipBackendEntry b : backends) {
        canonical.append(' ').append(b.ip()).append('#').append(b.port());
      }
      canonical.append('\n');
    }
    return new VipsView(out, etagOf(canonical.toString()));
  }

  private static String etagOf(String canonical) {
    try {
      byte[] sha1 =
          MessageDigest.getInstance("SHA-1").digest(canonical.getBytes(StandardCharsets.UTF_8));
      return Base64.getEncoder().encodeToString(sha1);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-1 is required of every JVM", e);
    }
  }
}
