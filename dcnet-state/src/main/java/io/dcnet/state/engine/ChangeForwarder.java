package io.dcnet.state.engine;

import java.util.Map;
import org.apache.pekko.actor.AbstractActor;
import org.apache.pekko.actor.Props;
import org.apache.pekko.cluster.ddata.LWWMap;
import org.apache.pekko.cluster.ddata.Replicator;

/**
 * Receives the Replicator's {@code Changed} notifications for subscribed keys and hands an
 * immutable copy of the raw entries to {@link EngineCallbacks#onChanged}. Owned by its actor.
 */
public final class ChangeForwarder extends AbstractActor {
  private final int incarnation;
  private final EngineCallbacks callbacks;

  public static Props props(int incarnation, EngineCallbacks callbacks) {
    return Props.create(ChangeForwarder.class, () -> new ChangeForwarder(incarnation, callbacks));
  }

  private ChangeForwarder(int incarnation, EngineCallbacks callbacks) {
    this.incarnation = incarnation;
    this.callbacks = callbacks;
  }

  @Override
  public Receive createReceive() {
    return receiveBuilder()
        .match(Replicator.Changed.class, this::changed)
        .match(
            Replicator.Deleted.class, d -> callbacks.onChanged(incarnation, d.key().id(), Map.of()))
        .build();
  }

  private void changed(Replicator.Changed<?> c) {
    if (c.dataValue() instanceof LWWMap<?, ?> map) {
      @SuppressWarnings("unchecked")
      Map<String, String> entries = ((LWWMap<String, String>) map).getEntries();
      callbacks.onChanged(incarnation, c.key().id(), Map.copyOf(entries));
    }
  }
}
