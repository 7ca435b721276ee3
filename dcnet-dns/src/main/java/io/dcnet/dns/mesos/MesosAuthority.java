package io.dcnet.dns.mesos;

import io.dcnet.dns.records.RecordSet;
import io.dcnet.dns.records.SoaSettings;
import io.dcnet.dns.server.DnsQuery;
import io.dcnet.dns.server.DnsQueryHandler;
import io.dcnet.dns.server.DnsReplies;
import io.dcnet.dns.server.FastAnswerer;
import io.dcnet.dns.server.WireQuestion;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.Address;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.SRVRecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * Mesos-DNS's authoritative answers for its domain, exactly as spec §4.2: lower-case and strip
 * every {@code .*}, look at the first question only, SOA/NS in the authority section owned by the
 * query name, NXDOMAIN vs NODATA by whether the name has any record, answers shuffled per query.
 *
 * <p>Plain queries (see {@link WireQuestion}) are answered by {@link #fastAnswer} from wire-form
 * answers cached per view ({@link MesosWireAnswers}); everything else, and whatever the fast path
 * declines, by {@link #answer}. Both give the same reply.
 *
 * <p>Thread-safe: each query reads the current {@link AuthorityView} once from the supplier, so a
 * refresh swaps the records atomically. Answers synchronously.
 */
public final class MesosAuthority implements DnsQueryHandler, FastAnswerer {
  private final Supplier<AuthorityView> view;
  private final int srvWeight;
  private final boolean recurseOn;

  /** The wire-form answers of the view last seen; replaced when the view changes. */
  private volatile MesosWireAnswers wireAnswers;

  /**
   * @param view the current records; called once per query; null means not ready (SERVFAIL)
   * @param srvWeight {@code srvRecordDefaultWeight}, 0-65535
   * @param recurseOn Mesos-DNS's RecurseOn setting: the RA flag of every reply
   */
  public MesosAuthority(Supplier<AuthorityView> view, int srvWeight, boolean recurseOn) {
    this.view = Objects.requireNonNull(view, "view");
    if (srvWeight < 0 || srvWeight > 65535) {
      throw new IllegalArgumentException("srvWeight: " + srvWeight + " (expected: 0-65535)");
    }
    this.srvWeight = srvWeight;
    this.recurseOn = recurseOn;
  }

  @Override
  public CompletionStage<Message> handle(DnsQuery query) {
    return CompletableFuture.completedFuture(answer(query.message()));
  }

  @Override
  public byte[] fastAnswer(WireQuestion question, int sizeLimit) {
    MesosWireAnswers w = wireAnswersFor(view.get());
    return w == null ? null : w.answer(question, sizeLimit);
  }

  /**
   * Optional: builds every wire-form answer of {@code v} now instead of on first query, e.g. on the
   * refresh thread right after publishing {@code v} (about 80-650 ms for 10,000 tasks, see
   * bench/RESULTS.md). Without it each (name, type) is built on its first query (a few µs).
   *
   * @return the number of (name, type) entries built
   */
  public int prepare(AuthorityView v) {
    return wireAnswersFor(Objects.requireNonNull(v, "v")).prepareAll();
  }

  /**
   * The wire-form answers of {@code v} (null for a null view), created on first use per view.
   * Racing threads may each create one; any of them is correct.
   */
  @SuppressWarnings("ReferenceEquality") // identity on purpose: equals would compare all records
  MesosWireAnswers wireAnswersFor(AuthorityView v) {
    if (v == null) {
      return null;
    }
    MesosWireAnswers w = wireAnswers;
    if (w == null || w.view() != v) {
      w = new MesosWireAnswers(v, this, recurseOn);
      wireAnswers = w;
    }
    return w;
  }

  /** The reply to {@code request} (synchronous form of {@link #handle}). */
  public Message answer(Message request) {
    AuthorityView v = view.get();
    Record question = request.getQuestion();
    if (v == null || question == null) {
      return DnsReplies.servFail(request);
    }
    Message reply = DnsReplies.replyTo(request);
    reply.getHeader().setFlag(Flags.AA);
    if (recurseOn) {
      reply.getHeader().setFlag(Flags.RA);
    }
    Name qname = question.getName();
    int qtype = question.getType();
    String name = normalise(qname.toString());
    Name owner;
    try {
      owner = Name.fromString(name);
    } catch (TextParseException e) {
      owner = qname;
    }
    RecordSet rs = v.records();
    long ttl = v.soa().ttl();
    List<Record> answers = new ArrayList<>();
    List<Record> extras = new ArrayList<>();
    List<Record> authority = new ArrayList<>();
    switch (qtype) {
      case Type.A -> addA(rs, name, owner, ttl, answers);
      case Type.AAAA -> addAaaa(rs, name, owner, ttl, answers);
      case Type.SRV -> addSrv(rs, name, qname, ttl, answers, extras);
      case Type.SOA -> authority.add(soa(qname, v));
      case Type.NS -> authority.add(ns(qname, v.soa()));
      case Type.ANY -> {
        addSrv(rs, name, qname, ttl, answers, extras);
        addA(rs, name, owner, ttl, answers);
        addAaaa(rs, name, owner, ttl, answers);
        authority.add(soa(qname, v));
        authority.add(ns(qname, v.soa()));
      }
      default -> {}
    }
    if (answers.isEmpty()) {
      if (qtype != Type.SOA && qtype != Type.NS && qtype != Type.SRV) {
        reply.getHeader().setRcode(rs.exists(name) ? Rcode.NOERROR : Rcode.NXDOMAIN);
        authority.add(soa(qname, v));
      }
    } else {
      Collections.shuffle(answers, ThreadLocalRandom.current());
    }
    answers.forEach(r -> reply.addRecord(r, Section.ANSWER));
    authority.forEach(r -> reply.addRecord(r, Section.AUTHORITY));
    extras.forEach(r -> reply.addRecord(r, Section.ADDITIONAL));
    return reply;
  }

  /** Lower-cases and removes every {@code .*}, as Mesos-DNS does before any lookup. */
  static String normalise(String name) {
    return name.toLowerCase(Locale.ROOT).replace(".*", "");
  }

  static void addA(RecordSet rs, String name, Name owner, long ttl, List<Record> out) {
    for (String ip : RecordSet.get(rs.a(), name)) {
      Record r = a(owner, ttl, ip);
      if (r != null) {
        out.add(r);
      }
    }
  }

  static void addAaaa(RecordSet rs, String name, Name owner, long ttl, List<Record> out) {
    for (String ip : RecordSet.get(rs.aaaa(), name)) {
      Record r = aaaa(owner, ttl, ip);
      if (r != null) {
        out.add(r);
      }
    }
  }

  void addSrv(
      RecordSet rs, String name, Name qname, long ttl, List<Record> out, List<Record> extras) {
    Set<String> targets = new LinkedHashSet<>();
    for (String value : RecordSet.get(rs.srv(), name)) {
      int colon = value.lastIndexOf(':');
      if (colon <= 0) {
        continue;
      }
      String target = value.substring(0, colon);
      try {
        int port = Integer.parseInt(value.substring(colon + 1));
        out.add(
            new SRVRecord(
                qname, DClass.IN, ttl, 0, srvWeight, port, Name.fromString(target, Name.root)));
      } catch (TextParseException | IllegalArgumentException e) {
        continue; // a malformed stored value is skipped, the rest is still served
      }
      if (targets.add(target)) {
        addFirstAddresses(rs, target, ttl, extras);
      }
    }
  }

  private static void addFirstAddresses(
      RecordSet rs, String target, long ttl, List<Record> extras) {
    Name owner;
    try {
      owner = Name.fromString(target, Name.root);
    } catch (TextParseException e) {
      return;
    }
    List<String> v4 = RecordSet.get(rs.a(), target);
    if (!v4.isEmpty()) {
      Record r = a(owner, ttl, v4.get(0));
      if (r != null) {
        extras.add(r);
      }
    }
    List<String> v6 = RecordSet.get(rs.aaaa(), target);
    if (!v6.isEmpty()) {
      Record r = aaaa(owner, ttl, v6.get(0));
      if (r != null) {
        extras.add(r);
      }
    }
  }

  private static Record a(Name owner, long ttl, String ip) {
    try {
      InetAddress addr = Address.getByAddress(ip, Address.IPv4);
      return new ARecord(owner, DClass.IN, ttl, addr);
    } catch (java.net.UnknownHostException | IllegalArgumentException e) {
      return null; // not an IPv4 literal: never served (Mesos-DNS issue #509)
    }
  }

  private static Record aaaa(Name owner, long ttl, String ip) {
    try {
      InetAddress addr = Address.getByAddress(ip, Address.IPv6);
      return new AAAARecord(owner, DClass.IN, ttl, addr);
    } catch (java.net.UnknownHostException | IllegalArgumentException e) {
      return null;
    }
  }

  static Record soa(Name owner, AuthorityView v) {
    SoaSettings s = v.soa();
    return new SOARecord(
        owner,
        DClass.IN,
        s.ttl(),
        absolute(s.mname()),
        absolute(s.rname()),
        v.serial(),
        s.refresh(),
        s.retry(),
        s.expire(),
        s.ttl());
  }

  static Record ns(Name owner, SoaSettings s) {
    return new NSRecord(owner, DClass.IN, s.ttl(), absolute(s.mname()));
  }

  private static Name absolute(String name) {
    try {
      return Name.fromString(name, Name.root);
    } catch (TextParseException e) {
      throw new IllegalArgumentException("SOA name: " + name + " (expected: a DNS name)", e);
    }
  }
}
