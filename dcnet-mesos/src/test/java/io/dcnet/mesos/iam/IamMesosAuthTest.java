package io.dcnet.mesos.iam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dcnet.core.net.HostPort;
import io.dcnet.core.time.ManualClock;
import io.dcnet.mesos.agent.AgentStateClient;
import io.dcnet.mesos.emulator.MesosEmulator;
import io.dcnet.mesos.http.MesosAuth;
import io.dcnet.mesos.http.MesosClientConfig;
import io.dcnet.mesos.http.MesosHttpClient;
import io.dcnet.mesos.http.MesosHttpClientFactory;
import io.dcnet.mesos.state.MasterStateFetcher;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** IAM login + renewing token against the Mesos emulator, all over loopback HTTP. */
class IamMesosAuthTest {
  private static final String UID = "dcos_mesos_dns";
  @TempDir Path dir;
  private final ManualClock clock = new ManualClock(Instant.parse("2026-05-01T08:00:00Z"));
  private MesosEmulator emu;
  private FakeLoginEndpoint login;
  private MasterStateFetcher fetcher;
  private MesosHttpClient http;
  private String master;

  @BeforeEach
  void setUp() throws Exception {
    emu = MesosEmulator.builder().requiredToken("abc").start();
    master = "127.0.0.1:" + emu.masterPort();
    KeyPair kp = IamTestKeys.rsa();
    login = new FakeLoginEndpoint(UID, kp.getPublic(), clock);
    Path file =
        IamTestKeys.writeConfig(dir, UID, IamTestKeys.pkcs8Pem(kp.getPrivate()), login.uri());
    MesosClientConfig base = MesosClientConfig.plain();
    HttpClient loginClient = MesosHttpClientFactory.create(base).client();
    // the daemon's wiring, with a manual clock
    MesosAuth auth =
        MesosAuth.renewingToken(
            new IamLogin(IamConfig.load(file), loginClient, clock, Duration.ofSeconds(5)),
            MesosAuth.DEFAULT_RENEW_AFTER,
            clock);
    http = MesosHttpClientFactory.create(base.withAuth(auth));
    fetcher = new MasterStateFetcher(http, Duration.ofSeconds(5));
  }

  @AfterEach
  void tearDown() {
    emu.close();
    login.close();
  }

  @Test
  void logsInOnFirstUseAndReusesTheToken() throws Exception {
    login.tokens("abc");
    assertThat(login.logins()).isZero();
    assertThat(fetcher.fetch(List.of(master)).state().leader()).isEqualTo("master@" + master);
    assertThat(fetcher.fetch(List.of(master)).state().leader()).isEqualTo("master@" + master);
    assertThat(login.logins()).isEqualTo(1);
    assertThat(login.failures()).isEmpty();
    assertThat(http.config().auth().toString()).doesNotContain("abc");
  }

  @Test
  void renewsAfterThePeriod() throws Exception {
    login.tokens("abc");
    fetcher.fetch(List.of(master));
    clock.advance(Duration.ofMinutes(29));
    fetcher.fetch(List.of(master));
    assertThat(login.logins()).isEqualTo(1);
    clock.advance(Duration.ofMinutes(1));
    fetcher.fetch(List.of(master));
    assertThat(login.logins()).isEqualTo(2);
    assertThat(login.failures()).isEmpty(); // the second JWT's exp followed the clock
  }

  @Test
  void a401FromMesosRenewsTheTokenAndRetriesOnce() throws Exception {
    login.tokens("expired", "abc");
    assertThat(fetcher.fetch(List.of(master)).answeredBy())
        .isEqualTo(HostPort.parse(master).orElseThrow());
    assertThat(login.logins()).isEqualTo(2);
    int before = emu.requestCount("/master/state");
    fetcher.fetch(List.of(master));
    assertThat(emu.requestCount("/master/state")).isEqualTo(before + 1);
  }

  @Test
  void agentCallsRetryAfter401Too() throws Exception {
    String agent = emu.addAgent("agent1", "127.0.0.1");
    URI url = URI.create(emu.agentUrl(agent));
    login.tokens("expired", "abc");
    var state = new AgentStateClient(http).getState(new HostPort(url.getHost(), url.getPort()));
    assertThat(state).isNotNull();
    assertThat(login.logins()).isEqualTo(2);
  }

  @Test
  void aRejectedNewTokenFailsWithHttp401WithoutLooping() throws Exception {
    login.tokens("wrong");
    assertThatThrownBy(() -> fetcher.fetch(List.of(master)))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("HTTP 401");
    assertThat(login.logins()).isEqualTo(2); // first use + one retry
  }

  @Test
  void aFailingLoginEndpointFailsTheFetchNamingIt() {
    login.failWith(500);
    assertThatThrownBy(() -> fetcher.fetch(List.of(master)))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("IAM login of " + UID + " at " + login.uri() + ": HTTP 500");
  }
}
