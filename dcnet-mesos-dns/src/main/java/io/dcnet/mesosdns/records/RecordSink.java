package io.dcnet.mesosdns.records;

import io.dcnet.core.net.IpLiterals;
import io.dcnet.dns.records.RecordSet;
import java.net.InetAddress;
import java.util.List;

/**
 * Accumulates the records of one generation run. A/AAAA is chosen per address (IPv4 and IPv4-mapped
 * go to A); values are formatted canonically. Task inserts also record, for the enumeration, the
 * values that were new.
 *
 * <p>Not thread-safe: confined to one {@link RecordGenerator#generate} call.
 */
final class RecordSink {
  private final RecordSet.Builder builder = RecordSet.builder();

  /** Adds an A or AAAA record; true if the value was new for that name. */
  boolean addIp(String name, InetAddress ip) {
    String text = IpLiterals.format(ip);
    return IpLiterals.isV4(ip) ? builder.addA(name, text) : builder.addAaaa(name, text);
  }

  boolean addSrv(String name, String targetAndPort) {
    return builder.addSrv(name, targetAndPort);
  }

  /** Adds an A/AAAA record for a task; lists it under the task if it was new. */
  void addTaskIp(String name, InetAddress ip, List<Enumeration.Record> taskRecords) {
    if (addIp(name, ip)) {
      String rtype = IpLiterals.isV4(ip) ? "A" : "AAAA";
      taskRecords.add(new Enumeration.Record(name, IpLiterals.format(ip), rtype));
    }
  }

  /** Adds an SRV record for a task; lists it under the task if it was new. */
  void addTaskSrv(String name, String targetAndPort, List<Enumeration.Record> taskRecords) {
    if (addSrv(name, targetAndPort)) {
      taskRecords.add(new Enumeration.Record(name, targetAndPort, "SRV"));
    }
  }

  RecordSet build() {
    return builder.build();
  }
}
