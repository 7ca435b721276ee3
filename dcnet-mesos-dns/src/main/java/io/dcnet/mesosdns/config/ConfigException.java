package io.dcnet.mesosdns.config;

/**
 * A Mesos-DNS {@code config.json} that cannot be used. The message names the key and the expected
 * form, e.g. {@code port: 70000 (expected 1-65535)}.
 */
public class ConfigException extends Exception {
  private static final long serialVersionUID = 1L;

  public ConfigException(String message) {
    super(message);
  }

  public ConfigException(String message, Throwable cause) {
    super(message, cause);
  }
}
