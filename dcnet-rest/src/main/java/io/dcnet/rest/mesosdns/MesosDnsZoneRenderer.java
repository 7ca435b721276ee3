package io.dcnet.rest.mesosdns;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dcnet.mesosdns.config.MesosDnsConfig;
import io.dcnet.mesosdns.records.Enumeration;
import io.dcnet.mesosdns.records.MesosDnsSnapshot;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Renders the whole-zone views {@code /v1/enumerate} and {@code /v1/axfr} (spec/mesos-dns.md
 * sections 3.10 and 5).
 *
 * <p>Stateless; thread-safe.
 */
final class MesosDnsZoneRenderer {
  private MesosDnsZoneRenderer() {}

  /**
   * {@code {"frameworks":[{"tasks":[{"name","id","records":[{"name","host","rtype"}]}],"name"}]}}.
   */
  static ObjectNode enumerate(Enumeration enumeration) {
    ObjectNode root = JsonNodeFactory.instance.objectNode();
    var frameworks = root.putArray("frameworks");
    for (Enumeration.Framework fw : enumeration.frameworks()) {
      ObjectNode fo = frameworks.addObject();
      var tasks = fo.putArray("tasks");
      for (Enumeration.Task t : fw.tasks()) {
        ObjectNode to = tasks.addObject();
        to.put("name", t.name());
        to.put("id", t.id());
        var records = to.putArray("records");
        for (Enumeration.Record r : t.records()) {
          ObjectNode ro = records.addObject();
          ro.put("name", r.name());
          ro.put("host", r.host());
          ro.put("rtype", r.rtype());
        }
      }
      fo.put("name", fw.name());
    }
    return root;
  }

  /**
   * {@code {"TTL","Serial","RefreshSeconds","Mname","Rname","Domain","Records":{"As","AAAAs",
   * "SRVs"}}}, each record map from name to its values.
   */
  static ObjectNode axfr(MesosDnsConfig config, MesosDnsSnapshot snapshot) {
    ObjectNode root = JsonNodeFactory.instance.objectNode();
    root.put("TTL", config.ttl());
    root.put("Serial", snapshot.serial());
    root.put("RefreshSeconds", config.refreshSeconds());
    root.put("Mname", MesosDnsNames.mname(config.soaMname()));
    root.put("Rname", MesosDnsNames.rname(config.soaRname()));
    root.put("Domain", MesosDnsNames.nz(config.domain()).toLowerCase(Locale.ROOT));
    ObjectNode records = root.putObject("Records");
    putMap(records.putObject("As"), snapshot.records().a());
    putMap(records.putObject("AAAAs"), snapshot.records().aaaa());
    putMap(records.putObject("SRVs"), snapshot.records().srv());
    return root;
  }

  private static void putMap(ObjectNode target, Map<String, List<String>> values) {
    values.forEach(
        (name, vs) -> {
          var arr = target.putArray(name);
          vs.forEach(arr::add);
        });
  }
}
