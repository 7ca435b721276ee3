package io.dcnet.l4lb.names;

/**
 * Who may allocate: exactly one master at a time should act as the named-VIP allocator (the store
 * is safe under races anyway; this keeps one writer of the published map). Implementations are
 * thread-safe.
 */
public interface AllocatorLeadership extends AutoCloseable {
  /** Starts taking part; {@code onChange} runs (on any thread) whenever leadership may change. */
  void start(Runnable onChange);

  /** True while this node holds the role. */
  boolean isLeader();

  /** Gives the role up and stops taking part. */
  @Override
  void close();

  /** Always the leader: for tests and single-master setups. */
  static AllocatorLeadership always() {
    return new AllocatorLeadership() {
      @Override
      public void start(Runnable onChange) {
        onChange.run();
      }

      @Override
      public boolean isLeader() {
        return true;
      }

      @Override
      public void close() {}
    };
  }
}
