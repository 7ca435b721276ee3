package io.dcnet.rest.mesosdns;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dcnet.dns.records.RecordSet;
import java.util.List;

/**
 * Renders {@code /v1/hosts/{host}} and {@code /v1/services/{service}} from a record set
 * (spec/mesos-dns.md section 5). A miss is one entry of empty strings, never an error.
 *
 * <p>Stateless; thread-safe.
 */
final class MesosDnsLookupRenderer {
  private MesosDnsLookupRenderer() {}

  /** {@code [{"host","ip"}]}: every A of the name, then every AAAA. */
  static ArrayNode hosts(RecordSet rs, String hostParam) {
    String name = MesosDnsNames.lookupKey(hostParam);
    ArrayNode out = JsonNodeFactory.instance.arrayNode();
    for (String ip : RecordSet.get(rs.a(), name)) {
      addHost(out, name, ip);
    }
    for (String ip : RecordSet.get(rs.aaaa(), name)) {
      addHost(out, name, ip);
    }
    if (out.isEmpty()) {
      addHost(out, "", "");
    }
    return out;
  }

  /**
   * {@code [{"service","host","ip","port"}]}: per SRV value, one entry with the first A of the
   * target and one with its first AAAA; targets without an address are left out. {@code service} is
   * the path parameter as given.
   */
  static ArrayNode services(RecordSet rs, String serviceParam) {
    String name = MesosDnsNames.lookupKey(serviceParam);
    ArrayNode out = JsonNodeFactory.instance.arrayNode();
    for (String value : RecordSet.get(rs.srv(), name)) {
      int colon = value.lastIndexOf(':');
      if (colon <= 0) {
        continue; // not target:port; upstream skips values it cannot split
      }
      String target = value.substring(0, colon);
      String port = value.substring(colon + 1);
      first(RecordSet.get(rs.a(), target))
          .ifPresent(ip -> addService(out, serviceParam, target, ip, port));
      first(RecordSet.get(rs.aaaa(), target))
          .ifPresent(ip -> addService(out, serviceParam, target, ip, port));
    }
    if (out.isEmpty()) {
      addService(out, "", "", "", "");
    }
    return out;
  }

  private static java.util.Optional<String> first(List<String> values) {
    return values.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(values.get(0));
  }

  private static void addHost(ArrayNode out, String host, String ip) {
    ObjectNode e = out.addObject();
    e.put("host", host);
    e.put("ip", ip);
  }

  private static void addService(
      ArrayNode out, String service, String host, String ip, String port) {
    ObjectNode e = out.addObject();
    e.put("service", service);
    e.put("host", host);
    e.put("ip", ip);
    e.put("port", port);
  }
}
