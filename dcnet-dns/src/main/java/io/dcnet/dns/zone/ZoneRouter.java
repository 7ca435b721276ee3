package io.dcnet.dns.zone;

import io.dcnet.dns.server.DnsQuery;
import io.dcnet.dns.server.DnsQueryHandler;
import io.dcnet.dns.server.DnsReplies;
import io.dcnet.dns.server.FastAnswerer;
import io.dcnet.dns.server.WireQuestion;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.TextParseException;

/**
 * Dispatches each query by the longest zone that is a suffix of its first question's name
 * (case-insensitive), as Mesos-DNS does (spec §4.1). The root zone {@code .} is the catch-all; a
 * name outside every zone, with no catch-all, gets REFUSED.
 *
 * <p>Thread-safe: the zone table is immutable after construction.
 */
public final class ZoneRouter implements DnsQueryHandler, FastAnswerer {
  private final Map<Name, DnsQueryHandler> zones;

  /** Every zone as lower-case text with trailing dot, longest first (root {@code .} last). */
  private final List<ZoneText> byLength;

  private record ZoneText(String text, DnsQueryHandler handler) {}

  /**
   * @param authorities zone (e.g. {@code mesos.} or {@code mesos}) → authoritative handler
   * @param defaultForwarder handler for names outside every zone (the {@code .} zone); may be null
   *     (REFUSED)
   * @param zoneForwarders zone → forwarder for that zone ({@code zoneResolvers})
   * @throws IllegalArgumentException on a malformed or duplicate zone
   */
  public ZoneRouter(
      Map<String, ? extends DnsQueryHandler> authorities,
      DnsQueryHandler defaultForwarder,
      Map<String, ? extends DnsQueryHandler> zoneForwarders) {
    Map<Name, DnsQueryHandler> table = new HashMap<>();
    add(table, authorities, "authorities");
    add(table, zoneForwarders, "zoneForwarders");
    if (defaultForwarder != null && !table.containsKey(Name.root)) {
      table.put(Name.root, defaultForwarder);
    }
    this.zones = Map.copyOf(table);
    List<ZoneText> texts = new ArrayList<>();
    table.forEach((n, h) -> texts.add(new ZoneText(n.toString().toLowerCase(Locale.ROOT), h)));
    texts.sort(Comparator.comparingInt((ZoneText z) -> z.text().length()).reversed());
    this.byLength = List.copyOf(texts);
  }

  /** Routes only to the given zones; other names get REFUSED. */
  public ZoneRouter(Map<String, ? extends DnsQueryHandler> zones) {
    this(zones, null, Map.of());
  }

  private static void add(
      Map<Name, DnsQueryHandler> table, Map<String, ? extends DnsQueryHandler> in, String field) {
    Objects.requireNonNull(in, field);
    in.forEach(
        (zone, handler) -> {
          Objects.requireNonNull(handler, field + "[" + zone + "]");
          Name name = zoneName(zone, field);
          if (table.putIfAbsent(name, handler) != null) {
            throw new IllegalArgumentException(
                field + ": zone " + zone + " given twice (expected: each zone once)");
          }
        });
  }

  private static Name zoneName(String zone, String field) {
    try {
      return Name.fromString(zone, Name.root);
    } catch (TextParseException e) {
      throw new IllegalArgumentException(
          field + ": " + zone + " (expected: a DNS zone name such as mesos.)", e);
    }
  }

  /** The handler for {@code name}: the longest matching zone's, or null. */
  public DnsQueryHandler route(Name name) {
    int labels = name.labels();
    for (int skip = 0; skip < labels; skip++) {
      Name suffix = skip == 0 ? name : new Name(name, skip);
      DnsQueryHandler h = zones.get(suffix);
      if (h != null) {
        return h;
      }
    }
    return null;
  }

  /**
   * The fast path: the same longest-suffix choice on the question's text; answered only when that
   * zone's handler is itself a {@link FastAnswerer}.
   */
  @Override
  public byte[] fastAnswer(WireQuestion question, int sizeLimit) {
    String name = question.name();
    for (ZoneText z : byLength) {
      String zone = z.text();
      boolean match =
          zone.equals(".")
              || (name.endsWith(zone)
                  && (name.length() == zone.length()
                      || name.charAt(name.length() - zone.length() - 1) == '.'));
      if (match) {
        return z.handler() instanceof FastAnswerer f ? f.fastAnswer(question, sizeLimit) : null;
      }
    }
    return null; // REFUSED: rare, take the long way
  }

  @Override
  public CompletionStage<Message> handle(DnsQuery query) {
    Record question = query.message().getQuestion();
    if (question == null) {
      return CompletableFuture.completedFuture(
          DnsReplies.error(query.message(), org.xbill.DNS.Rcode.FORMERR));
    }
    DnsQueryHandler h = route(question.getName());
    if (h == null) {
      return CompletableFuture.completedFuture(DnsReplies.refused(query.message()));
    }
    return h.handle(query);
  }
}
