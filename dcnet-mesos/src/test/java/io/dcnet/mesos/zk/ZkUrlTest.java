package io.dcnet.mesos.zk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ZkUrlTest {
  @Test
  void parsesEnsembleAndPath() {
    ZkUrl u = ZkUrl.parse("zk://10.0.0.1:2181,10.0.0.2:2181,[::1]:2182/mesos/");
    assertThat(u.path()).isEqualTo("/mesos");
    assertThat(u.connectString()).isEqualTo("10.0.0.1:2181,10.0.0.2:2181,[::1]:2182");
    assertThat(ZkUrl.parse("zk://zk-1:2181/a/b").path()).isEqualTo("/a/b");
  }

  @Test
  void badUrlsNameTheField() {
    for (String bad :
        new String[] {
          "http://h:1/mesos",
          "zk://h:1",
          "zk://h/mesos",
          "zk://h:1,/mesos",
          "zk://h:1/",
          "zk://u:p@h:1/m"
        }) {
      assertThatThrownBy(() -> ZkUrl.parse(bad))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith("zk: ")
          .hasMessageContaining("expected: zk://host:port");
    }
  }

  @Test
  void masterInfoAddressForms() {
    String json =
        "{\"address\":{\"ip\":\"10.0.0.1\",\"port\":5050,\"hostname\":\"m1\"},\"hostname\":\"m1\","
            + "\"id\":\"x\",\"ip\":16777226,\"port\":5050,\"pid\":\"master@10.0.0.1:5050\"}";
    assertThat(MasterInfoParser.address(json.getBytes(StandardCharsets.UTF_8)))
        .get()
        .hasToString("10.0.0.1:5050");
    String packedOnly = "{\"ip\":16777226,\"port\":5051}"; // Mesos < 0.24: packed, host order
    assertThat(MasterInfoParser.address(packedOnly.getBytes(StandardCharsets.UTF_8)))
        .get()
        .hasToString("10.0.0.1:5051");
    assertThat(MasterInfoParser.address("\u0008\u0001garbage".getBytes(StandardCharsets.UTF_8)))
        .isEmpty();
    assertThat(MasterInfoParser.address("{\"ip\":1}".getBytes(StandardCharsets.UTF_8))).isEmpty();
  }

  @Test
  void masterListForm() {
    MasterList l = new MasterList("a:1", java.util.List.of("b:1"));
    assertThat(l.asList()).containsExactly("a:1", "b:1");
    assertThat(MasterList.EMPTY.asList()).containsExactly("");
  }
}
