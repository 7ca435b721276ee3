package io.dcnet.nodedns.route;

import io.dcnet.dns.server.DnsQueryHandler;
import org.xbill.DNS.Name;

/**
 * Where {@link NodeDnsRouter} sends one question.
 *
 * <p>Immutable.
 */
public sealed interface NodeDnsRoute {
  /**
   * Answer from the internal zones.
   *
   * @param lookup the name to look up (the question, or its renamed form)
   * @param from the internal suffix answers are renamed from (null: no rename)
   * @param to the suffix the client asked for (null: no rename)
   */
  record Internal(Name lookup, Name from, Name to) implements NodeDnsRoute {}

  /**
   * Forward.
   *
   * @param zone "mesos", a forward zone, or "." for the default upstreams
   * @param handler the forwarder
   */
  record Forward(String zone, DnsQueryHandler handler) implements NodeDnsRoute {}
}
