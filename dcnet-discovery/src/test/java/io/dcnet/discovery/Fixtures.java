package io.dcnet.discovery;

import io.dcnet.core.dns.DnsZone;
import io.dcnet.core.dns.ZoneRecord;
import io.dcnet.mesos.MesosStateException;
import io.dcnet.mesos.model.Agent;
import io.dcnet.mesos.model.Framework;
import io.dcnet.mesos.model.MasterState;
import io.dcnet.mesos.model.Task;
import io.dcnet.mesos.model.TaskStates;
import io.dcnet.mesos.stream.ClusterSnapshot;
import io.dcnet.mesos.v1.V1Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Test helpers: v1 GET_STATE fixtures, snapshots, record shorthands. */
final class Fixtures {
  static final String LEADER = "master@10.0.0.1:5050";
  static final List<String> MASTERS = List.of("10.0.0.1", "10.0.0.2", "10.0.0.3");

  private Fixtures() {}

  /** Parses {@code src/test/resources/<name>} with {@link V1Json#parseGetState}. */
  static MasterState load(String name) {
    try (InputStream in = Fixtures.class.getResourceAsStream("/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("fixture: " + name + " (expected: a test resource)");
      }
      return V1Json.parseGetState(in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (MesosStateException e) {
      throw new IllegalStateException("fixture: " + name + ": " + e.getMessage(), e);
    }
  }

  /** A snapshot as the stream would give for {@code state} served by {@code leader}. */
  static ClusterSnapshot snapshot(MasterState state, String leader) {
    Map<String, Agent> agents = new LinkedHashMap<>();
    state.agents().forEach(a -> agents.put(a.id(), a));
    Map<String, Framework> frameworks = new LinkedHashMap<>();
    Map<String, Task> tasks = new LinkedHashMap<>();
    for (Framework f : state.frameworks()) {
      frameworks.put(f.id(), f);
      for (Task t : f.tasks()) {
        if (!TaskStates.isTerminal(t.state())) {
          tasks.put(t.id(), t);
        }
      }
    }
    MasterState withLeader = new MasterState(leader, state.agents(), state.frameworks());
    return new ClusterSnapshot(1, leader, withLeader, agents, frameworks, tasks);
  }

  /** The same state without one agent and its tasks (a partial post-failover snapshot). */
  static MasterState withoutAgent(MasterState state, String agentId) {
    List<Framework> fws = new ArrayList<>();
    for (Framework f : state.frameworks()) {
      List<Task> kept = f.tasks().stream().filter(t -> !t.agentId().equals(agentId)).toList();
      fws.add(new Framework(f.id(), f.name(), f.hostname(), f.pid(), f.active(), kept));
    }
    List<Agent> agents = state.agents().stream().filter(a -> !a.id().equals(agentId)).toList();
    return new MasterState(state.leader(), agents, fws);
  }

  static List<Task> tasks(MasterState state) {
    return state.frameworks().stream().flatMap(f -> f.tasks().stream()).toList();
  }

  static Agent agent(MasterState state, String id) {
    return state.agentsById().get(id);
  }

  static List<ZoneRecord> a(String... ips) {
    List<ZoneRecord> out = new ArrayList<>();
    for (String ip : ips) {
      out.add(new ZoneRecord.A(ip));
    }
    return out;
  }

  static ZoneRecord aaaa(String ip) {
    return new ZoneRecord.Aaaa(ip);
  }

  /** {@code <label>.<kind>.dcos.thisdcos.directory}. */
  static String name(String taskAndFramework, String kind) {
    return taskAndFramework + "." + kind + "." + TaskRecords.ZONE;
  }

  static List<ZoneRecord> get(DnsZone zone, String taskAndFramework, String kind) {
    return zone.records().get(name(taskAndFramework, kind));
  }
}
