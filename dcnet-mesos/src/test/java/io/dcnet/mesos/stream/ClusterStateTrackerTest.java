package io.dcnet.mesos.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.dcnet.mesos.model.Agent;
import io.dcnet.mesos.model.Framework;
import io.dcnet.mesos.model.MasterState;
import io.dcnet.mesos.model.Task;
import io.dcnet.mesos.model.TaskStates;
import io.dcnet.mesos.model.TaskStatus;
import io.dcnet.mesos.v1.MasterEvent;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClusterStateTrackerTest {
  static Task task(String id, String fw, String state) {
    return new Task(id, "web", fw, "a1", state, List.of(31000), List.of(), null, List.of());
  }

  static TaskStatus status(String state, double ts) {
    return new TaskStatus(state, ts, List.of(), List.of(), null);
  }

  private final ClusterStateTracker tracker = new ClusterStateTracker();

  private void resync() {
    MasterState s =
        new MasterState(
            "",
            List.of(new Agent("a1", "h1", "slave(1)@10.0.0.1:5051")),
            List.of(
                new Framework(
                    "f1",
                    "marathon",
                    "h1",
                    "",
                    true,
                    List.of(
                        task("t1", "f1", "TASK_RUNNING"), task("old", "f1", "TASK_FINISHED")))));
    long before = tracker.snapshot().version();
    ClusterChange.Resynced r = tracker.resync(s, "master@10.0.0.9:5050");
    assertThat(r.snapshot().version()).isEqualTo(before + 1);
  }

  @Test
  void resyncReplacesStateAndDropsTerminalTasks() {
    resync();
    ClusterSnapshot s = tracker.snapshot();
    assertThat(s.leader()).isEqualTo("master@10.0.0.9:5050");
    assertThat(s.state().leader()).isEqualTo("master@10.0.0.9:5050");
    assertThat(s.tasks()).containsOnlyKeys("t1");
    assertThat(s.frameworks().get("f1").tasks()).extracting(Task::id).containsExactly("t1");
    assertThat(s.agents()).containsOnlyKeys("a1");
    tracker.apply(new MasterEvent.AgentAdded(new Agent("a2", "h2", "")));
    tracker.resync(new MasterState("", List.of(), List.of()), "master@10.0.0.8:5050");
    assertThat(tracker.snapshot().agents()).isEmpty();
    assertThat(tracker.snapshot().tasks()).isEmpty();
  }

  @Test
  void taskLifecycle() {
    resync();
    List<ClusterChange> added =
        tracker.apply(new MasterEvent.TaskAdded(task("t2", "f1", "TASK_STAGING")));
    assertThat(added)
        .containsExactly(new ClusterChange.TaskChanged(null, task("t2", "f1", "TASK_STAGING")));
    List<ClusterChange> running =
        tracker.apply(
            new MasterEvent.TaskUpdated(
                "f1", "t2", "a1", "TASK_RUNNING", status("TASK_RUNNING", 5)));
    Task t2 = tracker.snapshot().tasks().get("t2");
    assertThat(t2.state()).isEqualTo("TASK_RUNNING");
    assertThat(t2.statuses()).containsExactly(status("TASK_RUNNING", 5));
    assertThat(((ClusterChange.TaskChanged) running.get(0)).previous().state())
        .isEqualTo("TASK_STAGING");
    assertThat(tracker.snapshot().state().frameworks().get(0).tasks()).hasSize(2);
    List<ClusterChange> failed =
        tracker.apply(
            new MasterEvent.TaskUpdated("f1", "t2", "a1", "TASK_FAILED", status("TASK_FAILED", 6)));
    assertThat(failed).containsExactly(new ClusterChange.TaskChanged(t2, null));
    assertThat(tracker.snapshot().tasks()).containsOnlyKeys("t1");
    assertThat(tracker.apply(new MasterEvent.TaskUpdated("f1", "zz", "a1", "TASK_KILLED", null)))
        .isEmpty();
  }

  @Test
  void everyTerminalStateRemoves() {
    for (String state : TaskStates.TERMINAL) {
      resync();
      assertThat(
              tracker.apply(new MasterEvent.TaskUpdated("f1", "t1", "a1", state, status(state, 1))))
          .as(state)
          .hasSize(1);
      assertThat(tracker.snapshot().tasks()).as(state).isEmpty();
    }
    resync();
    tracker.apply(new MasterEvent.TaskUpdated("f1", "t1", "a1", "TASK_UNREACHABLE", null));
    assertThat(tracker.snapshot().tasks().get("t1").state()).isEqualTo("TASK_UNREACHABLE");
  }

  @Test
  void agentsAndFrameworks() {
    resync();
    long v = tracker.snapshot().version();
    assertThat(tracker.apply(new MasterEvent.AgentRemoved("a1")))
        .containsExactly(
            new ClusterChange.AgentRemoved(new Agent("a1", "h1", "slave(1)@10.0.0.1:5051")));
    assertThat(tracker.apply(new MasterEvent.AgentRemoved("a1"))).isEmpty();
    Framework f2 = new Framework("f2", "chronos", "h2", "", true, List.of());
    assertThat(tracker.apply(new MasterEvent.FrameworkAdded(f2, false)))
        .containsExactly(new ClusterChange.FrameworkAdded(f2));
    List<ClusterChange> removed = tracker.apply(new MasterEvent.FrameworkRemoved("f1"));
    assertThat(removed).hasSize(2);
    assertThat(removed.get(0)).isInstanceOf(ClusterChange.TaskChanged.class);
    assertThat(removed.get(1)).isInstanceOf(ClusterChange.FrameworkRemoved.class);
    assertThat(tracker.snapshot().frameworks()).containsOnlyKeys("f2");
    assertThat(tracker.snapshot().version()).isEqualTo(v + 3);
    assertThat(tracker.apply(new MasterEvent.Heartbeat())).isEmpty();
    assertThat(tracker.apply(new MasterEvent.Unknown("X"))).isEmpty();
    assertThat(tracker.snapshot().version()).isEqualTo(v + 3);
  }
}
