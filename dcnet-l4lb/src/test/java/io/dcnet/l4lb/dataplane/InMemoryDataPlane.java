package io.dcnet.l4lb.dataplane;

import java.util.ArrayList;
import java.util.List;

/**
 * A data plane in memory, for control-loop tests: records every sync, can fail the next N syncs (or
 * reads), and lets a test change the "installed" state behind the controller's back (drift).
 * Instances made over the same {@link Store} share the installed state, like data planes over one
 * kernel table.
 *
 * <p>Thread-safe (synchronized on the store).
 */
public final class InMemoryDataPlane implements L4DataPlane {
  /** The shared "installed" state. Thread-safe. */
  public static final class Store {
    private L4Snapshot installed = L4Snapshot.empty();

    public synchronized L4Snapshot installed() {
      return installed;
    }

    /** Replaces the installed state, e.g. to simulate drift. */
    public synchronized void set(L4Snapshot s) {
      installed = s;
    }
  }

  private final Store store;
  private final List<L4Snapshot> syncs = new ArrayList<>();
  private int failSyncs;
  private int failReads;

  public InMemoryDataPlane(Store store) {
    this.store = store;
  }

  public InMemoryDataPlane() {
    this(new Store());
  }

  @Override
  public String kind() {
    return "memory";
  }

  @Override
  public void sync(L4Snapshot desired) throws DataPlaneException {
    synchronized (store) {
      if (failSyncs > 0) {
        failSyncs--;
        syncs.add(null);
        throw new DataPlaneException("injected sync failure");
      }
      syncs.add(desired);
      store.set(desired);
    }
  }

  @Override
  public L4Snapshot installed() throws DataPlaneException {
    synchronized (store) {
      if (failReads > 0) {
        failReads--;
        throw new DataPlaneException("injected read failure");
      }
      return store.installed();
    }
  }

  @Override
  public void close() {
    store.set(L4Snapshot.empty());
  }

  /** The next {@code n} syncs throw (recorded as null in {@link #syncs}). */
  public void failNextSyncs(int n) {
    synchronized (store) {
      failSyncs = n;
    }
  }

  /** The next {@code n} {@link #installed} calls throw. */
  public void failNextReads(int n) {
    synchronized (store) {
      failReads = n;
    }
  }

  /** Every sync attempt so far, in order (null for an injected failure). */
  public List<L4Snapshot> syncs() {
    synchronized (store) {
      return new ArrayList<>(syncs);
    }
  }

  /** The last successful sync, or null. */
  public L4Snapshot lastSync() {
    synchronized (store) {
      for (int i = syncs.size() - 1; i >= 0; i--) {
        if (syncs.get(i) != null) {
          return syncs.get(i);
        }
      }
      return null;
    }
  }

  /** The shared installed state. */
  public Store store() {
    return store;
  }
}
