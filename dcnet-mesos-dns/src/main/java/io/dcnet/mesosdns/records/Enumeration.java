package io.dcnet.mesosdns.records;

import java.util.List;

/**
 * The data behind {@code /v1/enumerate}: frameworks in state order, each with the tasks that got
 * records and, per task, the records that task's insert added (spec/mesos-dns.md section 3.10).
 *
 * <p>Immutable.
 */
public record Enumeration(List<Framework> frameworks) {
  public Enumeration {
    frameworks = List.copyOf(frameworks);
  }

  public static Enumeration empty() {
    return new Enumeration(List.of());
  }

  /** A framework with its raw (unsanitised) name. */
  public record Framework(String name, List<Task> tasks) {
    public Framework {
      tasks = List.copyOf(tasks);
    }
  }

  /** A task with its raw name and id. */
  public record Task(String name, String id, List<Record> records) {
    public Task {
      records = List.copyOf(records);
    }
  }

  /**
   * One record. {@code rtype} is {@code A}, {@code AAAA} or {@code SRV}; for SRV, {@code host} is
   * {@code target:port}.
   */
  public record Record(String name, String host, String rtype) {}
}
