package io.dcnet.mesos.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dcnet.mesos.MesosStateException;
import io.dcnet.mesos.http.MesosClientConfig;
import io.dcnet.mesos.http.MesosHttpClientFactory;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MasterStateFetcherTest {
  private static final String M1 = "127.0.0.11";
  private static final String M2 = "127.0.0.12";
  private static final String M3 = "127.0.0.13";
  private FakeMasters masters;
  private MasterStateFetcher fetcher;

  @BeforeEach
  void setUp() throws Exception {
    masters = new FakeMasters(M1, M2, M3);
    fetcher =
        new MasterStateFetcher(
            MesosHttpClientFactory.create(MesosClientConfig.plain()), Duration.ofSeconds(5));
  }

  @AfterEach
  void tearDown() {
    masters.close();
  }

  @Test
  void hintThatIsTheLeaderAnswers() throws Exception {
    masters.state(M1, M1);
    MasterStateResult r = fetcher.fetch(List.of(masters.addr(M1), masters.addr(M2)));
    assertThat(r.answeredBy().toString()).isEqualTo(masters.addr(M1));
    assertThat(r.state().agents().get(0).id()).isEqualTo("s-" + M1);
    assertThat(masters.hits(M2)).isZero();
  }

  @Test
  void followsTheReportedLeaderOneHopWithTheFirstPort() throws Exception {
    masters.state(M1, M2); // a non-leader that still reports the leader
    masters.state(M2, M2);
    MasterStateResult r = fetcher.fetch(List.of(masters.addr(M1)));
    assertThat(r.answeredBy().toString()).isEqualTo(masters.addr(M2));
    assertThat(r.state().agents().get(0).id()).isEqualTo("s-" + M2);
  }

  @Test
  void onlyOneHop() throws Exception {
    masters.state(M1, M2);
    masters.state(M2, M3); // the second answer is used even though it names another leader
    masters.state(M3, M3);
    MasterStateResult r = fetcher.fetch(List.of(masters.addr(M1)));
    assertThat(r.answeredBy().toString()).isEqualTo(masters.addr(M2));
    assertThat(masters.hits(M3)).isZero();
  }

  @Test
  void failsOverWhenTheHintIsDown() throws Exception {
    masters.state(M2, M2);
    String down = "127.0.0.14:" + masters.port;
    MasterStateResult r = fetcher.fetch(List.of(down, masters.addr(M1), masters.addr(M2)));
    assertThat(r.answeredBy().toString()).isEqualTo(masters.addr(M2));
    assertThat(masters.hits(M1)).isEqualTo(1); // 503 there, then M2
  }

  @Test
  void emptyHintIsSkipped() throws Exception {
    masters.state(M3, M3);
    MasterStateResult r = fetcher.fetch(List.of("", masters.addr(M3)));
    assertThat(r.answeredBy().toString()).isEqualTo(masters.addr(M3));
  }

  @Test
  void allFailingThrowsTheLastError() {
    assertThatThrownBy(() -> fetcher.fetch(List.of(masters.addr(M1), masters.addr(M2))))
        .isInstanceOf(IOException.class)
        .hasMessageContaining(masters.addr(M2))
        .hasMessageContaining("HTTP 503 (no leader)");
  }

  @Test
  void emptyLeaderIsAnError() {
    masters.state(M1, "");
    assertThatThrownBy(() -> fetcher.fetch(List.of(masters.addr(M1))))
        .isInstanceOf(MesosStateException.class)
        .hasMessageContaining("empty master");
  }

  @Test
  void malformedStateNamesTheUrl() {
    masters.replies.put(M1, new FakeMasters.Reply(200, "{\"slaves\": 5", null));
    assertThatThrownBy(() -> fetcher.fetch(List.of(masters.addr(M1))))
        .isInstanceOf(MesosStateException.class)
        .hasMessageContaining("/master/state");
  }

  @Test
  void protocolRelativeRedirectIsFollowed() throws Exception {
    masters.replies.put(
        M1, new FakeMasters.Reply(307, "", "//" + masters.addr(M3) + "/master/state"));
    masters.state(M3, M3);
    MasterStateResult r = fetcher.fetch(List.of(masters.addr(M1)));
    assertThat(r.state().agents().get(0).id()).isEqualTo("s-" + M3);
  }

  @Test
  void badEntriesAreNamed() {
    assertThatThrownBy(() -> fetcher.fetch(List.of("", "node1")))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("masters[1]: 'node1'");
    assertThatThrownBy(() -> fetcher.fetch(List.of("")))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("at least one");
  }
}
