package io.dcnet.mesos.iam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dcnet.core.time.ManualClock;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.security.KeyPair;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPrivateKey;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class IamLoginTest {
  private final ManualClock clock = new ManualClock(Instant.parse("2026-03-01T12:00:00Z"));
  private final HttpClient client = HttpClient.newHttpClient();
  private FakeLoginEndpoint endpoint;

  @AfterEach
  void tearDown() {
    if (endpoint != null) {
      endpoint.close();
    }
  }

  private IamLogin login(RSAPrivateKey key, java.security.PublicKey pub) throws IOException {
    endpoint = new FakeLoginEndpoint("dcos_mesos_dns", pub, clock);
    IamConfig config = new IamConfig("dcos_mesos_dns", key, endpoint.uri());
    return new IamLogin(config, client, clock, Duration.ofSeconds(5));
  }

  @Test
  void signsAJwtTheEndpointAcceptsAndReturnsTheToken() throws Exception {
    KeyPair kp = IamTestKeys.rsa();
    IamLogin login = login((RSAPrivateKey) kp.getPrivate(), kp.getPublic());
    endpoint.tokens("abc");
    assertThat(login.fetchToken()).isEqualTo("abc");
    assertThat(endpoint.failures()).isEmpty();
    clock.advance(Duration.ofMinutes(45)); // exp follows the injected clock
    assertThat(login.fetchToken()).isEqualTo("abc");
    assertThat(endpoint.failures()).isEmpty();
    assertThat(endpoint.logins()).isEqualTo(2);
    assertThat(login.jwt(clock.instant()))
        .startsWith("eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.")
        .doesNotContain("=");
    assertThat(login.toString())
        .isEqualTo("IamLogin[uid=dcos_mesos_dns, endpoint=" + endpoint.uri() + "]");
  }

  @Test
  void worksWithAPkcs1Key() throws Exception {
    RSAPrivateCrtKey key =
        (RSAPrivateCrtKey)
            IamConfig.parse(
                    "{\"uid\":\"u\",\"login_endpoint\":\"http://a/\",\"private_key\":"
                        + new com.fasterxml.jackson.databind.ObjectMapper()
                            .writeValueAsString(IamTestKeys.pkcs1Pem())
                        + "}")
                .privateKey();
    IamLogin login = login(key, IamTestKeys.publicOf(key));
    endpoint.tokens("pk1");
    assertThat(login.fetchToken()).isEqualTo("pk1");
    assertThat(endpoint.failures()).isEmpty();
  }

  @Test
  void aWrongKeyIsRejectedWith401NamingTheEndpoint() throws Exception {
    KeyPair signer = IamTestKeys.rsa();
    KeyPair other = IamTestKeys.rsa();
    IamLogin login = login((RSAPrivateKey) signer.getPrivate(), other.getPublic());
    assertThatThrownBy(login::fetchToken)
        .isInstanceOf(IOException.class)
        .hasMessageStartingWith("IAM login of dcos_mesos_dns at " + endpoint.uri() + ": HTTP 401")
        .hasMessageEndingWith("(check uid and private_key of the IAMConfigFile)");
    assertThat(endpoint.failures()).containsExactly("bad signature");
  }

  @Test
  void serverErrorsAndBadRepliesAreReported() throws Exception {
    KeyPair kp = IamTestKeys.rsa();
    IamLogin login = login((RSAPrivateKey) kp.getPrivate(), kp.getPublic());
    endpoint.failWith(500);
    assertThatThrownBy(login::fetchToken)
        .hasMessage(
            "IAM login of dcos_mesos_dns at "
                + endpoint.uri()
                + ": HTTP 500 ({\"title\":\"boom\"})");
    endpoint.failWith(200);
    endpoint.tokens("");
    assertThatThrownBy(login::fetchToken)
        .hasMessage(
            "IAM login of dcos_mesos_dns at "
                + endpoint.uri()
                + ": reply has no token (expected: {\"token\": \"...\"})");
  }

  @Test
  void anUnreachableEndpointIsNamed() throws Exception {
    KeyPair kp = IamTestKeys.rsa();
    IamLogin login = login((RSAPrivateKey) kp.getPrivate(), kp.getPublic());
    URI uri = endpoint.uri();
    endpoint.close();
    endpoint = null;
    assertThatThrownBy(login::fetchToken)
        .isInstanceOf(IOException.class)
        .hasMessageStartingWith("IAM login of dcos_mesos_dns at " + uri + ": ");
  }
}
