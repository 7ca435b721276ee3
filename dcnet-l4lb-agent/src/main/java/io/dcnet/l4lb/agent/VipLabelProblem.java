package io.dcnet.l4lb.agent;

import java.util.Objects;

/**
 * A VIP label that could not be used. It never blocks the task's other labels. Immutable.
 *
 * @param taskId the task that carries the label
 * @param label the label key, e.g. {@code VIP_0} or {@code VIP_PORT1}
 * @param value the label value as written
 * @param reason what is wrong, naming the expected form
 */
public record VipLabelProblem(String taskId, String label, String value, String reason) {
  public VipLabelProblem {
    Objects.requireNonNull(taskId, "taskId");
    Objects.requireNonNull(label, "label");
    value = value == null ? "" : value;
    Objects.requireNonNull(reason, "reason");
  }

  /** One log line: {@code task <id>: label <key>=<value>: <reason>}. */
  public String message() {
    return "task " + taskId + ": label " + label + "=" + value + ": " + reason;
  }
}
