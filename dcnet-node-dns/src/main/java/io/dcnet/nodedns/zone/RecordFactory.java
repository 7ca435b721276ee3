package io.dcnet.nodedns.zone;

import io.dcnet.core.dns.ZoneRecord;
import io.dcnet.core.net.IpLiterals;
import java.net.InetAddress;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.SRVRecord;
import org.xbill.DNS.TextParseException;

/**
 * Turns dcnet zone values into dnsjava records with dcos-dns's fixed TTLs and SOA/NS values (spec
 * §2.4).
 *
 * <p>Stateless; thread-safe.
 */
public final class RecordFactory {
  /** TTL of A, AAAA, SRV and CNAME answers and of the SOA. */
  public static final long RECORD_TTL = 5;

  /** TTL of the apex NS record. */
  public static final long NS_TTL = 3600;

  /** The name server of every internal zone. */
  public static final Name NS_NAME = absolute("ns.spartan");

  private static final Name RNAME = absolute("support.mesosphere.com");

  private RecordFactory() {}

  /** {@code name} (no trailing dot needed) as an absolute name. */
  public static Name absolute(String name) {
    try {
      return Name.fromString(name.endsWith(".") ? name : name + ".");
    } catch (TextParseException e) {
      throw new IllegalArgumentException("name: " + name + " (expected: a domain name)", e);
    }
  }

  /**
   * The record for {@code value} owned by {@code owner}, or null when an address is not an IP
   * literal of the right family (such values are skipped, never answered).
   */
  public static Record toRecord(Name owner, ZoneRecord value) {
    return switch (value) {
      case ZoneRecord.A a -> {
        InetAddress ip = IpLiterals.parse(a.ip()).filter(IpLiterals::isV4).orElse(null);
        yield ip == null ? null : new ARecord(owner, DClass.IN, RECORD_TTL, ip);
      }
      case ZoneRecord.Aaaa a -> {
        InetAddress ip = IpLiterals.parse(a.ip()).filter(IpLiterals::isV6).orElse(null);
        yield ip == null ? null : new AAAARecord(owner, DClass.IN, RECORD_TTL, ip);
      }
      case ZoneRecord.Srv s ->
          new SRVRecord(
              owner,
              DClass.IN,
              RECORD_TTL,
              s.priority(),
              s.weight(),
              s.port(),
              absolute(s.target()));
      case ZoneRecord.Cname c ->
          new CNAMERecord(owner, DClass.IN, RECORD_TTL, absolute(c.target()));
    };
  }

  /** The SOA of {@code zone}: mname ns.spartan, rname support.mesosphere.com, 1/60/180/86400/1. */
  public static SOARecord soa(Name zone) {
    return new SOARecord(zone, DClass.IN, RECORD_TTL, NS_NAME, RNAME, 1, 60, 180, 86400, 1);
  }

  /** The apex NS of {@code zone}: ns.spartan, TTL 3600. */
  public static NSRecord ns(Name zone) {
    return new NSRecord(zone, DClass.IN, NS_TTL, NS_NAME);
  }
}
