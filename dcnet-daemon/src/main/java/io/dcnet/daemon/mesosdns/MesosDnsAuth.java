package io.dcnet.daemon.mesosdns;

import io.dcnet.mesos.http.MesosAuth;
import io.dcnet.mesos.http.MesosHttpClientFactory;
import io.dcnet.mesos.iam.IamConfig;
import io.dcnet.mesos.iam.IamLogin;
import io.dcnet.mesosdns.config.ConfigException;
import io.dcnet.mesosdns.config.MesosDnsConfig;
import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/** Chooses the authentication for master calls from {@code mesosAuthentication}. */
public final class MesosDnsAuth {
  private MesosDnsAuth() {}

  /**
   * {@code ""}: none; {@code basic}: HTTP Basic with {@code mesosCredentials}; {@code iam}: a DC/OS
   * service-account login (from {@code IAMConfigFile}) whose token is sent as {@code Authorization:
   * token=...}, renewed periodically and after a 401. The login goes through the same TLS settings
   * as the master calls; it happens on the first request, not here.
   */
  public static MesosAuth from(MesosDnsConfig cfg) throws ConfigException {
    return switch (cfg.mesosAuthentication()) {
      case "" -> MesosAuth.none();
      case "basic" -> MesosAuth.basic(cfg.mesosPrincipal(), cfg.mesosSecret());
      case "iam" -> iam(cfg);
      default ->
          throw new ConfigException(
              "mesosAuthentication: \""
                  + cfg.mesosAuthentication()
                  + "\" (expected one of \"\", basic, iam)");
    };
  }

  private static MesosAuth iam(MesosDnsConfig cfg) throws ConfigException {
    if (cfg.iamConfigFile().isEmpty()) {
      throw new ConfigException(
          "IAMConfigFile: \"\" (expected a service account JSON file when mesosAuthentication is"
              + " iam)");
    }
    try {
      HttpClient login =
          MesosHttpClientFactory.create(MesosDnsClients.mesosClientConfig(cfg, MesosAuth.none()))
              .client();
      return MesosAuth.renewingToken(
          new IamLogin(
              IamConfig.load(Path.of(cfg.iamConfigFile())),
              login,
              Clock.systemUTC(),
              Duration.ofSeconds(cfg.stateTimeoutSeconds())));
    } catch (IOException e) {
      throw new ConfigException(e.getMessage(), e);
    }
  }
}
