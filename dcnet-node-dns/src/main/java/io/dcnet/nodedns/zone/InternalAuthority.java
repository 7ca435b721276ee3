package io.dcnet.nodedns.zone;

import io.dcnet.core.dns.DnsZone;
import io.dcnet.core.dns.ZoneRecord;
import io.dcnet.dns.server.DnsQuery;
import io.dcnet.dns.server.DnsQueryHandler;
import io.dcnet.dns.server.DnsReplies;
import io.dcnet.dns.server.FastAnswerer;
import io.dcnet.dns.server.ResponseTruncator;
import io.dcnet.dns.server.WireQuestion;
import io.dcnet.nodedns.config.LoadBalance;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * Answers dcos-dns's internal names (spec §2.4) from the zones of a supplier that others swap
 * atomically: A, AAAA, SRV, CNAME chains (CNAMEs first in chain order, followed inside our zones),
 * apex NS and SOA; NXDOMAIN vs NODATA with the zone's SOA in the authority section. A name with no
 * zone at all gets NXDOMAIN with the SOA of its internal top domain ({@code thisdcos.directory},
 * {@code spartan}, {@code zk}, {@code localhost}): it is never forwarded.
 *
 * <p>Plain queries can also be answered straight from their bytes ({@link FastAnswerer}): the
 * replies of existing names are rendered once per zone snapshot by the regular path and kept in
 * wire form ({@link WireAnswerCache}), so both paths give the same bytes.
 *
 * <p>Thread-safe: the zone index and the wire cache are rebuilt (and published through a volatile)
 * only when the supplier returns a different map instance.
 */
public final class InternalAuthority implements DnsQueryHandler, FastAnswerer {
  /** The top domains answered here whatever their zones hold. */
  public static final List<String> INTERNAL_DOMAINS =
      List.of("thisdcos.directory", "spartan", "zk", "localhost");

  private static final int MAX_CNAME_HOPS = 16;

  private record Indexed(Map<String, DnsZone> source, ZoneIndex index, WireAnswerCache cache) {}

  private final Supplier<Map<String, DnsZone>> zones;
  private final LoadBalance policy;
  private volatile Indexed last;

  /**
   * @param zones every internal zone by name (lower case, no trailing dot); called per query, so it
   *     should return the same instance until the zones change
   * @param policy the answer order policy
   */
  public InternalAuthority(Supplier<Map<String, DnsZone>> zones, LoadBalance policy) {
    this.zones = Objects.requireNonNull(zones, "zones");
    this.policy = Objects.requireNonNull(policy, "policy");
  }

  @Override
  public CompletionStage<Message> handle(DnsQuery query) {
    return CompletableFuture.completedFuture(
        answer(query.message(), query.message().getQuestion().getName()));
  }

  /**
   * The reply to {@code request} as if its question were {@code lookup} (the router passes a
   * renamed name); answers are owned by {@code lookup} and the names of the CNAME chain.
   */
  public Message answer(Message request, Name lookup) {
    return answer(request, lookup, policy, indexed().index());
  }

  /**
   * The reply to a plain query straight from its bytes (the regular path's reply, see {@link
   * WireAnswerCache}), or null for the regular path.
   */
  @Override
  public byte[] fastAnswer(WireQuestion question, int sizeLimit) {
    Indexed snapshot = indexed();
    return snapshot.cache().answer(question, sizeLimit, q -> build(q, snapshot.index()));
  }

  /** The templates of {@code q}: the regular path's reply per rotation, id/RD/CD cleared. */
  private WireAnswerCache.Built build(WireQuestion q, ZoneIndex index) {
    byte[] wire = q.wire().clone();
    wire[0] = 0;
    wire[1] = 0;
    wire[2] = (byte) (wire[2] & ~0x01);
    wire[3] = (byte) (wire[3] & ~0x10);
    Message request;
    try {
      request = new Message(wire);
    } catch (IOException e) {
      return null;
    }
    Name lookup = request.getQuestion().getName();
    LoadBalance order = policy == LoadBalance.NONE ? LoadBalance.NONE : LoadBalance.ROUND_ROBIN;
    Message first = answer(request, lookup, order, index);
    boolean keep = first.getRcode() == Rcode.NOERROR;
    int n = 0;
    for (Record r : first.getSection(Section.ANSWER)) {
      n += r.getType() == Type.CNAME ? 0 : 1;
    }
    if (order == LoadBalance.NONE || n < 2) {
      return new WireAnswerCache.Built(new byte[][] {render(first)}, keep);
    }
    if (n > WireAnswerCache.MAX_ROTATIONS || (policy == LoadBalance.RANDOM && n > 2)) {
      return new WireAnswerCache.Built(WireAnswerCache.REGULAR_PATH, keep);
    }
    byte[][] out = new byte[n][];
    out[0] = render(first);
    for (int k = 1; k < n; k++) {
      request.getHeader().setID(k); // round robin rotates by id mod n
      out[k] = render(answer(request, lookup, order, index));
    }
    return new WireAnswerCache.Built(out, keep);
  }

  /** Number of (name, type) replies kept in wire form for the current zones (tests, metrics). */
  int cachedReplies() {
    return indexed().cache().size();
  }

  private static byte[] render(Message reply) {
    return ResponseTruncator.fit(reply, ResponseTruncator.TCP_LIMIT, true).wire();
  }

  private Message answer(Message request, Name lookup, LoadBalance order, ZoneIndex index) {
    Message reply = DnsReplies.replyTo(request);
    reply.getHeader().setFlag(Flags.AA);
    reply.getHeader().setFlag(Flags.RA);
    int qtype = request.getQuestion().getType();
    String name = lower(lookup);
    DnsZone zone = index.zoneOf(name);
    if (zone == null) {
      String top = topDomain(name);
      reply.getHeader().setRcode(index.hasDescendants(name) ? Rcode.NOERROR : Rcode.NXDOMAIN);
      reply.addRecord(RecordFactory.soa(RecordFactory.absolute(top)), Section.AUTHORITY);
      return reply;
    }
    List<Record> cnames = new ArrayList<>();
    List<Record> finals = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    Name owner = lookup;
    while (true) {
      seen.add(name);
      List<ZoneRecord> values = zone.records().getOrDefault(name, List.of());
      ZoneRecord.Cname cname = firstCname(values);
      if (cname != null && qtype != Type.CNAME && qtype != Type.ANY) {
        Record r = RecordFactory.toRecord(owner, cname);
        cnames.add(r);
        String target = cname.target().toLowerCase(Locale.ROOT);
        DnsZone next = index.zoneOf(target);
        if (next == null || seen.contains(target) || seen.size() > MAX_CNAME_HOPS) {
          break; // outside our zones (the client follows it) or a loop
        }
        name = target;
        owner = ((CNAMERecord) r).getTarget();
        zone = next;
        continue;
      }
      collect(values, qtype, owner, finals);
      boolean apex = name.equals(zone.name());
      if (apex && (qtype == Type.NS || qtype == Type.ANY)) {
        finals.add(RecordFactory.ns(owner));
      }
      if (apex && (qtype == Type.SOA || qtype == Type.ANY)) {
        finals.add(RecordFactory.soa(owner));
      }
      if (finals.isEmpty()) {
        boolean exists = !values.isEmpty() || apex || index.hasDescendants(name);
        reply.getHeader().setRcode(exists ? Rcode.NOERROR : Rcode.NXDOMAIN);
        reply.addRecord(RecordFactory.soa(RecordFactory.absolute(zone.name())), Section.AUTHORITY);
      }
      break;
    }
    for (Record r : cnames) {
      reply.addRecord(r, Section.ANSWER);
    }
    for (Record r : AnswerOrder.apply(finals, order, request.getHeader().getID())) {
      reply.addRecord(r, Section.ANSWER);
    }
    return reply;
  }

  private static void collect(List<ZoneRecord> values, int qtype, Name owner, List<Record> out) {
    for (ZoneRecord v : values) {
      Record r = RecordFactory.toRecord(owner, v);
      if (r != null && (qtype == Type.ANY || r.getType() == qtype)) {
        out.add(r);
      }
    }
  }

  private static ZoneRecord.Cname firstCname(List<ZoneRecord> values) {
    for (ZoneRecord v : values) {
      if (v instanceof ZoneRecord.Cname c) {
        return c;
      }
    }
    return null;
  }

  /** The internal top domain {@code name} lies in; {@code thisdcos.directory} otherwise. */
  static String topDomain(String name) {
    for (String d : INTERNAL_DOMAINS) {
      if (name.equals(d) || name.endsWith("." + d)) {
        return d;
      }
    }
    return INTERNAL_DOMAINS.get(0);
  }

  static String lower(Name name) {
    return name.toString(true).toLowerCase(Locale.ROOT);
  }

  @SuppressWarnings("ReferenceEquality") // identity: rebuild only when a new map is published
  private Indexed indexed() {
    Map<String, DnsZone> current = zones.get();
    Indexed l = last;
    if (l == null || l.source() != current) {
      l =
          new Indexed(
              current,
              ZoneIndex.of(current == null ? Map.of() : current),
              new WireAnswerCache(policy));
      last = l;
    }
    return l;
  }
}
