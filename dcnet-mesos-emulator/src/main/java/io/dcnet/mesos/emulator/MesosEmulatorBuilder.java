package io.dcnet.mesos.emulator;

import io.dcnet.mesos.MesosStateException;
import io.dcnet.mesos.model.MasterState;
import io.dcnet.mesos.v0.MasterStateParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Configures and starts a {@link MesosEmulator}; get one from {@link MesosEmulator#builder()}.
 *
 * <p>Not thread-safe: use from one thread.
 */
public final class MesosEmulatorBuilder {
  private List<String> addresses = List.of("127.0.0.1");
  private Duration heartbeat = Duration.ofSeconds(15);
  private MasterState initial = new MasterState("", List.of(), List.of());
  private Path scenario;
  private String token;
  private int port;

  MesosEmulatorBuilder() {}

  /** One emulated master per address, all on the same port; the first is the leader. */
  public MesosEmulatorBuilder masterAddresses(List<String> value) {
    if (value.isEmpty()) {
      throw new IllegalArgumentException("masterAddresses: [] (expected: at least one address)");
    }
    this.addresses = List.copyOf(value);
    return this;
  }

  public MesosEmulatorBuilder heartbeatInterval(Duration value) {
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException("heartbeatInterval: " + value + " (expected: > 0)");
    }
    this.heartbeat = value;
    return this;
  }

  /** Agents, frameworks and tasks to start with (its leader field is ignored). */
  public MesosEmulatorBuilder initialState(MasterState value) {
    this.initial = Objects.requireNonNull(value, "initialState");
    return this;
  }

  /** Like {@link #initialState}, read from a v0 {@code /master/state} JSON file at start. */
  public MesosEmulatorBuilder scenario(Path value) {
    this.scenario = value;
    return this;
  }

  /** The port every master binds; 0 (the default) picks a free one. */
  public MesosEmulatorBuilder port(int value) {
    if (value < 0 || value > 65535) {
      throw new IllegalArgumentException("port: " + value + " (expected: 0-65535)");
    }
    this.port = value;
    return this;
  }

  /** Requests without {@code Authorization: token=<value>} get 401. */
  public MesosEmulatorBuilder requiredToken(String value) {
    this.token = value;
    return this;
  }

  public MesosEmulator start() throws IOException {
    MasterState init = initial;
    if (scenario != null) {
      try {
        init = MasterStateParser.parse(Files.readAllBytes(scenario));
      } catch (MesosStateException e) {
        throw new IllegalArgumentException("scenario: " + scenario + ": " + e.getMessage(), e);
      }
    }
    return MesosEmulator.start(addresses, port, heartbeat, token, init);
  }
}
