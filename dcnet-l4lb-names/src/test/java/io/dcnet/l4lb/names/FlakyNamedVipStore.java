package io.dcnet.l4lb.names;

import io.dcnet.l4lb.model.NamedVipAddress;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A store whose first {@code failures} {@link #allocate} calls fail as if ZooKeeper were down, then
 * delegates (test helper). Thread-safe.
 */
final class FlakyNamedVipStore implements NamedVipStore {
  private final NamedVipStore real;
  private final AtomicInteger failuresLeft;
  private final AtomicInteger allocateCalls = new AtomicInteger();

  FlakyNamedVipStore(NamedVipStore real, int failures) {
    this.real = real;
    this.failuresLeft = new AtomicInteger(failures);
  }

  /** Number of allocate calls so far, failed ones included. */
  int allocateCalls() {
    return allocateCalls.get();
  }

  @Override
  public NamedVipAddress allocate(String name, boolean withIpv6) {
    allocateCalls.incrementAndGet();
    if (failuresLeft.getAndDecrement() > 0) {
      throw new NamedVipStoreException("test: store down");
    }
    return real.allocate(name, withIpv6);
  }

  @Override
  public Optional<NamedVipAddress> find(String name) {
    return real.find(name);
  }

  @Override
  public boolean release(String name) {
    return real.release(name);
  }

  @Override
  public Map<String, NamedVipAddress> all() {
    return real.all();
  }

  @Override
  public NamedVipRanges ranges() {
    return real.ranges();
  }
}
