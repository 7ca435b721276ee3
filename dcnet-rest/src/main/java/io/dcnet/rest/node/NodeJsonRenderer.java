package io.dcnet.rest.node;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dcnet.nodedns.api.DnsApiView;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Renders the node API's JSON bodies (spec §2.6 and §6.1) as Jackson trees, with the exact keys
 * dcos-net uses. Lists whose source order is not stable ({@code /v1/records}, {@code /v1/nodes})
 * are sorted so that equal content gives an equal body, and so an equal ETag.
 *
 * <p>Stateless; thread-safe.
 */
public final class NodeJsonRenderer {
  /** RFC 3339 in UTC with milliseconds, e.g. {@code 2024-05-01T10:00:00.123Z}. */
  public static final DateTimeFormatter UPDATED_FORMAT =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private NodeJsonRenderer() {}

  /** {@code [{"name","host","rtype"}]}, sorted by name, rtype, host. */
  public static ArrayNode records(List<DnsApiView.RecordEntry> records) {
    List<DnsApiView.RecordEntry> sorted = new ArrayList<>(records);
    sorted.sort(
        Comparator.comparing(DnsApiView.RecordEntry::name)
            .thenComparing(DnsApiView.RecordEntry::rtype)
            .thenComparing(DnsApiView.RecordEntry::host));
    ArrayNode out = F.arrayNode();
    for (DnsApiView.RecordEntry r : sorted) {
      ObjectNode o = out.addObject();
      o.put("name", r.name());
      o.put("host", r.host());
      o.put("rtype", r.rtype());
    }
    return out;
  }

  /** {@code [{"host","ip"}]}. */
  public static ArrayNode hosts(List<DnsApiView.HostEntry> hosts) {
    ArrayNode out = F.arrayNode();
    for (DnsApiView.HostEntry h : hosts) {
      ObjectNode o = out.addObject();
      o.put("host", h.host());
      o.put("ip", h.ip());
    }
    return out;
  }

  /** {@code [{"service","host","port","ip"?}]}; {@code ip} only when the target is local. */
  public static ArrayNode services(List<DnsApiView.ServiceEntry> services) {
    ArrayNode out = F.arrayNode();
    for (DnsApiView.ServiceEntry s : services) {
      ObjectNode o = out.addObject();
      o.put("service", s.service());
      o.put("host", s.host());
      o.put("port", s.port());
      if (s.ip() != null) {
        o.put("ip", s.ip());
      }
    }
    return out;
  }

  /**
   * {@code [{"private_ip","public_ips","hostname","updated","role","reachable"}]}, sorted by
   * private IP.
   */
  public static ArrayNode nodes(List<NodeRecord> nodes) {
    List<NodeRecord> sorted = new ArrayList<>(nodes);
    sorted.sort(Comparator.comparing(NodeRecord::privateIp));
    ArrayNode out = F.arrayNode();
    for (NodeRecord n : sorted) {
      ObjectNode o = out.addObject();
      o.put("private_ip", n.privateIp());
      ArrayNode pub = o.putArray("public_ips");
      n.publicIps().forEach(pub::add);
      o.put("hostname", n.hostname());
      o.put("updated", formatUpdated(n.updated()));
      o.put("role", n.role());
      o.put("reachable", n.reachable());
    }
    return out;
  }

  /** {@code {"Service":"dcnet","Version":version}}. */
  public static ObjectNode version(String version) {
    ObjectNode o = F.objectNode();
    o.put("Service", NodeRestApi.SERVICE);
    o.put("Version", version);
    return o;
  }

  /** {@link #UPDATED_FORMAT} applied to {@code t} (truncated to milliseconds). */
  public static String formatUpdated(Instant t) {
    return UPDATED_FORMAT.format(t);
  }
}
