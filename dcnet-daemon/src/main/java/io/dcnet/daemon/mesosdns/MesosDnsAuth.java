package io.dcnet.daemon.mesosdns;

import io.dcnet.mesos.http.MesosAuth;
import io.dcnet.mesosdns.config.ConfigException;
import io.dcnet.mesosdns.config.MesosDnsConfig;

/** Chooses the authentication for master calls from {@code mesosAuthentication}. */
public final class MesosDnsAuth {
  private MesosDnsAuth() {}

  public static MesosAuth from(MesosDnsConfig cfg) throws ConfigException {
    return switch (cfg.mesosAuthentication()) {
      case "" -> MesosAuth.none();
      case "basic" -> MesosAuth.basic(cfg.mesosPrincipal(), cfg.mesosSecret());
      case "iam" ->
          throw new ConfigException(
              "mesosAuthentication: \"iam\" is not supported by this version (expected \"\" or"
                  + " \"basic\")");
      default ->
          throw new ConfigException(
              "mesosAuthentication: \""
                  + cfg.mesosAuthentication()
                  + "\" (expected one of \"\", basic, iam)");
    };
  }
}
