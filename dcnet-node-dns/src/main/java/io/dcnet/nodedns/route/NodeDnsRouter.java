package io.dcnet.nodedns.route;

import io.dcnet.core.dns.DnsZone;
import io.dcnet.dns.server.DnsQuery;
import io.dcnet.dns.server.DnsQueryHandler;
import io.dcnet.dns.server.FastAnswerer;
import io.dcnet.dns.server.WireQuestion;
import io.dcnet.nodedns.config.NodeDnsConfig;
import io.dcnet.nodedns.forward.ForwarderMetrics;
import io.dcnet.nodedns.forward.ParallelForwarder;
import io.dcnet.nodedns.zone.InternalAuthority;
import io.dcnet.nodedns.zone.NodeZones;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;

/**
 * dcos-dns's query router (spec §2.2), on the first question, labels compared case-insensitively
 * from the right:
 *
 * <ol>
 *   <li>{@code dclb.thisdcos.directory} / {@code dclb.thisdcos.global} → {@code
 *       l4lb.thisdcos.directory}, internal, answers renamed back;
 *   <li>{@code <x>.thisdcos.global} → {@code <x>.thisdcos.directory}, internal, renamed back;
 *   <li>{@code <x>.<cryptoId>.dcos.directory} with the configured id → {@code
 *       <x>.thisdcos.directory}, internal, renamed back (other ids fall through);
 *   <li>{@code *.mesos} → the masters' Mesos-DNS, all in parallel;
 *   <li>{@code localhost}, {@code zk}, {@code spartan}, {@code *.thisdcos.directory} → internal,
 *       never forwarded (unknown zone → NXDOMAIN + SOA);
 *   <li>the <em>longest</em> matching {@code forward_zones} suffix (dcos-net took the first in map
 *       order; longest match is a deliberate improvement) → its resolvers;
 *   <li>everything else → {@code upstream_resolvers} (empty → SERVFAIL at once).
 * </ol>
 *
 * A multi-question query whose questions route differently is answered internally for its first
 * question and counted in {@code forwarder_failures_total{zone="."}}.
 *
 * <p>Plain queries ({@link FastAnswerer}) for names answered internally without renaming (step 5)
 * go to {@link InternalAuthority#fastAnswer}; everything else takes the regular path.
 *
 * <p>Thread-safe: immutable apart from the suppliers it reads.
 */
public final class NodeDnsRouter implements DnsQueryHandler, FastAnswerer {
  private static final Name L4LB = name("l4lb.thisdcos.directory");
  private static final Name THISDCOS = name("thisdcos.directory");

  private final InternalAuthority internal;
  private final DnsQueryHandler mesos;
  private final DnsQueryHandler upstream;
  private final Map<String, DnsQueryHandler> forwardZones;
  private final Supplier<String> cryptoId;
  private final ForwarderMetrics metrics;

  /**
   * @param internal the internal zones' authority
   * @param mesos forwarder of {@code *.mesos}
   * @param upstream forwarder of everything else
   * @param forwardZones zone (lower case, no trailing dot) → forwarder
   * @param cryptoId the cluster's zbase32 id ("" or null: none yet)
   * @param metrics counters ({@code forwarder_failures_total})
   */
  public NodeDnsRouter(
      InternalAuthority internal,
      DnsQueryHandler mesos,
      DnsQueryHandler upstream,
      Map<String, ? extends DnsQueryHandler> forwardZones,
      Supplier<String> cryptoId,
      ForwarderMetrics metrics) {
    this.internal = Objects.requireNonNull(internal, "internal");
    this.mesos = Objects.requireNonNull(mesos, "mesos");
    this.upstream = Objects.requireNonNull(upstream, "upstream");
    this.forwardZones = Map.copyOf(forwardZones);
    this.cryptoId = Objects.requireNonNull(cryptoId, "cryptoId");
    this.metrics = Objects.requireNonNull(metrics, "metrics");
  }

  /**
   * The router of {@code config}: internal zones = {@code pushedZones} + the config's custom zones
   * + static zones; Mesos-DNS = {@code mesosResolvers}; forwarders with the config's timeouts.
   *
   * @param pushedZones replicated zones, swapped atomically by others
   * @param masterIps the masters' IPs (for {@code zk-N.zk})
   * @param mesosResolvers the masters' Mesos-DNS addresses (e.g. from the config or the master
   *     list)
   */
  public static NodeDnsRouter create(
      NodeDnsConfig config,
      Supplier<Map<String, DnsZone>> pushedZones,
      Supplier<List<String>> masterIps,
      Supplier<List<InetSocketAddress>> mesosResolvers,
      ForwarderMetrics metrics) {
    return create(
        config, new NodeZones(pushedZones, config.zones(), masterIps), mesosResolvers, metrics);
  }

  /**
   * The router of {@code config} over an existing {@link NodeZones} (share it with the HTTP API's
   * {@code DnsApiView}).
   */
  public static NodeDnsRouter create(
      NodeDnsConfig config,
      NodeZones zones,
      Supplier<List<InetSocketAddress>> mesosResolvers,
      ForwarderMetrics metrics) {
    InternalAuthority authority = new InternalAuthority(zones, config.loadBalance());
    Map<String, DnsQueryHandler> forwarders = new HashMap<>();
    config
        .forwardZones()
        .forEach(
            (zone, ups) ->
                forwarders.put(
                    zone,
                    ParallelForwarder.fixed(
                        zone,
                        ups,
                        false,
                        config.upstreamTimeout(),
                        config.forwardTimeout(),
                        metrics)));
    ParallelForwarder mesos =
        new ParallelForwarder(
            "mesos",
            mesosResolvers,
            true,
            config.upstreamTimeout(),
            config.forwardTimeout(),
            metrics);
    ParallelForwarder upstream =
        ParallelForwarder.fixed(
            ".",
            config.upstreamResolvers(),
            false,
            config.upstreamTimeout(),
            config.forwardTimeout(),
            metrics);
    String id = config.cryptoId();
    return new NodeDnsRouter(authority, mesos, upstream, forwarders, () -> id, metrics);
  }

  @Override
  public CompletionStage<Message> handle(DnsQuery query) {
    Message request = query.message();
    NodeDnsRoute route = route(request.getQuestion().getName());
    List<Record> questions = request.getSection(Section.QUESTION);
    if (questions.size() > 1 && !sameRoutes(route, questions)) {
      metrics.forwarderFailure(".");
      route = new NodeDnsRoute.Internal(request.getQuestion().getName(), null, null);
    }
    return switch (route) {
      case NodeDnsRoute.Forward f -> f.handler().handle(query);
      case NodeDnsRoute.Internal i -> {
        Message reply = internal.answer(request, i.lookup());
        if (i.from() != null) {
          NameRewriter.rewrite(reply, i.from(), i.to());
        }
        yield CompletableFuture.completedFuture(reply);
      }
    };
  }

  @Override
  public byte[] fastAnswer(WireQuestion question, int sizeLimit) {
    String q = question.name(); // lower case, with the trailing dot
    q = q.substring(0, q.length() - 1);
    return internalAsIs(q) ? internal.fastAnswer(question, sizeLimit) : null;
  }

  /** True when {@link #route} sends {@code q} (lower case, no trailing dot) to step 5. */
  private boolean internalAsIs(String q) {
    if (under(q, "dclb.thisdcos.directory")
        || under(q, "dclb.thisdcos.global")
        || under(q, "thisdcos.global")
        || under(q, "mesos")) {
      return false;
    }
    String id = cryptoId.get();
    if (id != null
        && !id.isEmpty()
        && under(q, "dcos.directory")
        && q.endsWith("." + id + ".dcos.directory")) {
      return false;
    }
    for (String d : InternalAuthority.INTERNAL_DOMAINS) {
      if (under(q, d)) {
        return true;
      }
    }
    return false;
  }

  @SuppressWarnings("ReferenceEquality") // the same forwarder instance means the same route
  private boolean sameRoutes(NodeDnsRoute first, List<Record> questions) {
    for (Record q : questions.subList(1, questions.size())) {
      NodeDnsRoute r = route(q.getName());
      boolean same =
          first instanceof NodeDnsRoute.Forward f1
              ? r instanceof NodeDnsRoute.Forward f2 && f1.handler() == f2.handler()
              : r instanceof NodeDnsRoute.Internal;
      if (!same) {
        return false;
      }
    }
    return true;
  }

  /** Where a question for {@code qname} goes. */
  public NodeDnsRoute route(Name qname) {
    String q = qname.toString(true).toLowerCase(Locale.ROOT);
    if (under(q, "dclb.thisdcos.directory") || under(q, "dclb.thisdcos.global")) {
      return renamed(qname, 3, L4LB);
    }
    if (under(q, "thisdcos.global")) {
      return renamed(qname, 2, THISDCOS);
    }
    String id = cryptoId.get();
    if (id != null && !id.isEmpty() && q.endsWith("." + id + ".dcos.directory")) {
      return renamed(qname, 3, THISDCOS);
    }
    if (under(q, "mesos")) {
      return new NodeDnsRoute.Forward("mesos", mesos);
    }
    for (String d : InternalAuthority.INTERNAL_DOMAINS) {
      if (under(q, d)) {
        return new NodeDnsRoute.Internal(qname, null, null);
      }
    }
    if (!forwardZones.isEmpty()) {
      for (String s = q; ; ) {
        DnsQueryHandler h = forwardZones.get(s);
        if (h != null) {
          return new NodeDnsRoute.Forward(s, h);
        }
        int dot = s.indexOf('.');
        if (dot < 0) {
          break;
        }
        s = s.substring(dot + 1);
      }
    }
    return new NodeDnsRoute.Forward(".", upstream);
  }

  /** Internal lookup of {@code qname} with its last {@code suffixLabels} labels replaced. */
  private static NodeDnsRoute renamed(Name qname, int suffixLabels, Name internalSuffix) {
    Name asked = new Name(qname, qname.labels() - 1 - suffixLabels);
    Name lookup = NameRewriter.replaceSuffix(qname, asked, internalSuffix);
    return new NodeDnsRoute.Internal(lookup, internalSuffix, asked);
  }

  /** {@code q} is {@code domain} or a name below it (no allocation: runs per query). */
  private static boolean under(String q, String domain) {
    int cut = q.length() - domain.length();
    return q.endsWith(domain) && (cut == 0 || (cut > 0 && q.charAt(cut - 1) == '.'));
  }

  private static Name name(String s) {
    return Name.fromConstantString(s + ".");
  }
}
