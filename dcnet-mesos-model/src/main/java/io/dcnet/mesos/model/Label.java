package io.dcnet.mesos.model;

import java.util.Objects;

/** A Mesos label. A missing value is the empty string. */
public record Label(String key, String value) {
  public Label {
    Objects.requireNonNull(key, "key");
    value = value == null ? "" : value;
  }
}
