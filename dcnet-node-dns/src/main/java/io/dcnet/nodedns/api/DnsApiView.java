package io.dcnet.nodedns.api;

import io.dcnet.core.dns.DnsZone;
import io.dcnet.core.dns.ZoneRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The data behind dcos-dns's Mesos-DNS-like HTTP API (spec §2.6), read from the local zones only
 * (never forwarded). The REST layer renders it: {@code /v1/hosts/{host}}, {@code
 * /v1/services/{service}}, {@code /v1/records}.
 *
 * <p>Thread-safe: reads one zone snapshot per call.
 */
public final class DnsApiView {
  /** {@code {"host": name, "ip": "a.b.c.d"}}. */
  public record HostEntry(String host, String ip) {}

  /**
   * {@code {"service", "host", "port", "ip"?}}; {@code ip} is null when the target is not local.
   */
  public record ServiceEntry(String service, String host, int port, String ip) {}

  /** {@code {"name", "host", "rtype"}}; SRV {@code host} is {@code target:port}. */
  public record RecordEntry(String name, String host, String rtype) {}

  private final Supplier<Map<String, DnsZone>> zones;

  public DnsApiView(Supplier<Map<String, DnsZone>> zones) {
    this.zones = Objects.requireNonNull(zones, "zones");
  }

  /** A records of {@code host} (case-insensitive, trailing dot optional). */
  public List<HostEntry> hosts(String host) {
    String name = normalise(host);
    List<HostEntry> out = new ArrayList<>();
    for (ZoneRecord r : valuesOf(zones.get(), name)) {
      if (r instanceof ZoneRecord.A a) {
        out.add(new HostEntry(name, a.ip()));
      }
    }
    return out;
  }

  /** SRV records of {@code service}, each with the first local A of its target, if any. */
  public List<ServiceEntry> services(String service) {
    Map<String, DnsZone> snapshot = zones.get();
    String name = normalise(service);
    List<ServiceEntry> out = new ArrayList<>();
    for (ZoneRecord r : valuesOf(snapshot, name)) {
      if (r instanceof ZoneRecord.Srv srv) {
        String target = normalise(srv.target());
        String ip = null;
        for (ZoneRecord t : valuesOf(snapshot, target)) {
          if (t instanceof ZoneRecord.A a) {
            ip = a.ip();
            break;
          }
        }
        out.add(new ServiceEntry(name, target, srv.port(), ip));
      }
    }
    return out;
  }

  /** Every A, AAAA and SRV record of every zone. */
  public List<RecordEntry> records() {
    List<RecordEntry> out = new ArrayList<>();
    Map<String, DnsZone> snapshot = zones.get();
    if (snapshot == null) {
      return out;
    }
    for (DnsZone z : snapshot.values()) {
      z.records()
          .forEach(
              (name, values) -> {
                for (ZoneRecord r : values) {
                  switch (r) {
                    case ZoneRecord.A a -> out.add(new RecordEntry(name, a.ip(), "A"));
                    case ZoneRecord.Aaaa a -> out.add(new RecordEntry(name, a.ip(), "AAAA"));
                    case ZoneRecord.Srv s ->
                        out.add(new RecordEntry(name, s.target() + ":" + s.port(), "SRV"));
                    case ZoneRecord.Cname c -> {}
                  }
                }
              });
    }
    return out;
  }

  private static List<ZoneRecord> valuesOf(Map<String, DnsZone> snapshot, String name) {
    if (snapshot == null) {
      return List.of();
    }
    for (String s = name; ; ) {
      DnsZone z = snapshot.get(s);
      if (z != null) {
        return z.records().getOrDefault(name, List.of());
      }
      int dot = s.indexOf('.');
      if (dot < 0) {
        return List.of();
      }
      s = s.substring(dot + 1);
    }
  }

  private static String normalise(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    return n.endsWith(".") ? n.substring(0, n.length() - 1) : n;
  }
}
