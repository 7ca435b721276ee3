package io.dcnet.l4lb.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.dcnet.core.json.Json;
import io.dcnet.l4lb.model.Backend;
import io.dcnet.l4lb.model.VipId;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class VipsViewTest {
  private static TreeMap<VipId, List<Backend>> vips() {
    TreeMap<VipId, List<Backend>> m = new TreeMap<>();
    m.put(
        VipId.parse("tcp://11.1.1.1:80"),
        List.of(
            new Backend("10.0.0.1", "10.0.0.1", 31000, 1),
            new Backend("10.0.0.2", "172.17.0.3", 80, 0)));
    m.put(VipId.parse("udp://[fd01:c::7]:53"), List.of(new Backend("10.0.0.1", "fd00::3", 53, 1)));
    m.put(
        VipId.parse("tcp://mygroupmyapp.marathon:8080"),
        List.of(new Backend("10.0.0.1", "10.0.0.1", 31001, 1)));
    return m;
  }

  @Test
  void rendersTheSpecShape() throws Exception {
    VipsView view = VipsView.of(vips());
    String json = Json.mapper().writeValueAsString(view.entries());
    assertThat(json)
        .isEqualTo(
            "[{\"vip\":\"11.1.1.1:80\",\"protocol\":\"tcp\",\"backend\":"
                + "[{\"ip\":\"10.0.0.1\",\"port\":31000},{\"ip\":\"172.17.0.3\",\"port\":80}]},"
                + "{\"vip\":\"[fd01:c::7]:53\",\"protocol\":\"udp\",\"backend\":"
                + "[{\"ip\":\"fd00::3\",\"port\":53}]},"
                + "{\"vip\":\"mygroupmyapp.marathon.l4lb.thisdcos.directory:8080\","
                + "\"protocol\":\"tcp\",\"backend\":[{\"ip\":\"10.0.0.1\",\"port\":31001}]}]");
  }

  @Test
  void equalContentGivesAnEqualViewSoTheBodyAndItsEtagMatch() {
    VipsView view = VipsView.of(vips());
    assertThat(VipsView.of(vips())).isEqualTo(view);

    TreeMap<VipId, List<Backend>> reweighted = vips();
    reweighted.put(
        VipId.parse("tcp://mygroupmyapp.marathon:8080"),
        List.of(new Backend("10.0.0.1", "10.0.0.1", 31001, 0)));
    assertThat(VipsView.of(reweighted)).as("weights are not in the body").isEqualTo(view);

    TreeMap<VipId, List<Backend>> moved = vips();
    moved.put(
        VipId.parse("tcp://mygroupmyapp.marathon:8080"),
        List.of(new Backend("10.0.0.1", "10.0.0.1", 31002, 1)));
    assertThat(VipsView.of(moved)).isNotEqualTo(view);
    assertThat(VipsView.of(new TreeMap<>())).isNotEqualTo(view);
    assertThat(VipsView.of(new TreeMap<>()).entries()).isEmpty();
  }
}
