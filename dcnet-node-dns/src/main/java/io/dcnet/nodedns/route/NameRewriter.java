package io.dcnet.nodedns.route;

import java.util.List;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.Message;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.NameTooLongException;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.SRVRecord;
import org.xbill.DNS.Section;

/**
 * Rewrites a name suffix in names and in the records of a reply: owners and CNAME, NS, SOA and SRV
 * targets (spec §2.2: renamed answers carry the name the client asked for).
 *
 * <p>Stateless; thread-safe.
 */
public final class NameRewriter {
  private NameRewriter() {}

  /**
   * {@code name} with suffix {@code from} replaced by {@code to}; {@code name} itself when it is
   * not under {@code from} or the result would be too long.
   */
  public static Name replaceSuffix(Name name, Name from, Name to) {
    if (!name.subdomain(from)) {
      return name;
    }
    try {
      return Name.concatenate(name.relativize(from), to);
    } catch (NameTooLongException e) {
      return name;
    }
  }

  /** Rewrites every record of the answer, authority and additional sections of {@code reply}. */
  public static void rewrite(Message reply, Name from, Name to) {
    for (int section : new int[] {Section.ANSWER, Section.AUTHORITY, Section.ADDITIONAL}) {
      List<Record> records = reply.getSection(section);
      if (records.isEmpty()) {
        continue;
      }
      reply.removeAllRecords(section);
      for (Record r : records) {
        reply.addRecord(rewrite(r, from, to), section);
      }
    }
  }

  /** {@code r} with its owner and target names rewritten. */
  public static Record rewrite(Record r, Name from, Name to) {
    Name owner = replaceSuffix(r.getName(), from, to);
    return switch (r) {
      case CNAMERecord c ->
          new CNAMERecord(owner, c.getDClass(), c.getTTL(), replaceSuffix(c.getTarget(), from, to));
      case NSRecord ns ->
          new NSRecord(owner, ns.getDClass(), ns.getTTL(), replaceSuffix(ns.getTarget(), from, to));
      case SRVRecord s ->
          new SRVRecord(
              owner,
              s.getDClass(),
              s.getTTL(),
              s.getPriority(),
              s.getWeight(),
              s.getPort(),
              replaceSuffix(s.getTarget(), from, to));
      case SOARecord s ->
          new SOARecord(
              owner,
              s.getDClass(),
              s.getTTL(),
              replaceSuffix(s.getHost(), from, to),
              replaceSuffix(s.getAdmin(), from, to),
              s.getSerial(),
              s.getRefresh(),
              s.getRetry(),
              s.getExpire(),
              s.getMinimum());
      default -> owner.equals(r.getName()) ? r : r.withName(owner);
    };
  }
}
