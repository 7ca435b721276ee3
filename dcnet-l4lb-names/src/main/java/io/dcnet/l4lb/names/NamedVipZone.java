package io.dcnet.l4lb.names;

import io.dcnet.core.dns.DnsZone;
import io.dcnet.core.dns.ZoneRecord;
import io.dcnet.l4lb.model.NamedVipAddress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Builds the {@code l4lb.thisdcos.directory} zone from the published named-VIP addresses: {@code
 * <name>.l4lb.thisdcos.directory} A (and AAAA when an IPv6 address is allocated). Node DNS serves
 * these with TTL {@link #TTL}. Thread-safe: stateless.
 */
public final class NamedVipZone {
  /** The zone name. */
  public static final String ZONE = "l4lb.thisdcos.directory";

  /** TTL of the records, in seconds (spec 3.2; node DNS's fixed record TTL). */
  public static final long TTL = 5;

  private NamedVipZone() {}

  /** The zone, owners sorted by name; addresses without an IP give no record. */
  public static DnsZone build(Collection<NamedVipAddress> addresses) {
    List<NamedVipAddress> sorted = new ArrayList<>(addresses);
    sorted.sort(Comparator.comparing(NamedVipAddress::name));
    Map<String, List<ZoneRecord>> records = new LinkedHashMap<>();
    for (NamedVipAddress a : sorted) {
      List<ZoneRecord> values = new ArrayList<>();
      if (a.ipv4() != null) {
        values.add(new ZoneRecord.A(a.ipv4()));
      }
      if (a.ipv6() != null) {
        values.add(new ZoneRecord.Aaaa(a.ipv6()));
      }
      if (!values.isEmpty()) {
        records.computeIfAbsent(owner(a.name()), k -> new ArrayList<>()).addAll(values);
      }
    }
    return new DnsZone(ZONE, records);
  }

  /** {@code <name>.l4lb.thisdcos.directory}, lower case. */
  public static String owner(String name) {
    return name.toLowerCase(Locale.ROOT) + "." + ZONE;
  }
}
