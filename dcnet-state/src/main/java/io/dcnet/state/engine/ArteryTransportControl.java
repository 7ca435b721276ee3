package io.dcnet.state.engine;

import io.dcnet.core.net.HostPort;
import io.dcnet.state.ClusterStateConfig;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.actor.Address;
import org.apache.pekko.actor.ExtendedActorSystem;
import org.apache.pekko.remote.RemoteActorRefProvider;
import org.apache.pekko.remote.artery.tcp.ArteryTcpTransport;
import org.apache.pekko.remote.transport.ThrottlerTransportAdapter;

/**
 * Direct access to the remoting transport of one {@link Incarnation}'s ActorSystem, below the
 * cluster: closing its listening socket when the system's termination is stuck, and the Artery
 * test-mode blackhole used by the partition tests.
 *
 * <p>Thread-safe: no state of its own; each call hands a command to Pekko's transport, which may be
 * called from any thread.
 */
final class ArteryTransportControl {
  private final ActorSystem system;

  ArteryTransportControl(ActorSystem system) {
    this.system = system;
  }

  private RemoteActorRefProvider provider() {
    return (RemoteActorRefProvider) ((ExtendedActorSystem) system).provider();
  }

  /** See {@link Incarnation#unbindTransport}; a no-op unless the transport is Artery TCP/TLS. */
  void unbind(Duration timeout) {
    if (provider().transport() instanceof ArteryTcpTransport artery) {
      try {
        scala.jdk.javaapi.FutureConverters.asJava(artery.shutdownTransport())
            .toCompletableFuture()
            .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (ExecutionException | TimeoutException e) {
        // best effort: the caller checks the port itself
      }
    }
  }

  /** See {@link Incarnation#blackhole}; needs {@code pekko.remote.artery.advanced.test-mode=on}. */
  @SuppressWarnings("deprecation")
  void blackhole(String hostPort, boolean on) {
    HostPort hp = ClusterStateConfig.parseSeed(hostPort);
    Address to = new Address("pekko", system.name(), hp.host(), hp.port());
    ThrottlerTransportAdapter.ThrottleMode mode =
        on
            ? ThrottlerTransportAdapter.Blackhole$.MODULE$
            : ThrottlerTransportAdapter.Unthrottled$.MODULE$;
    provider()
        .transport()
        .managementCommand(
            new ThrottlerTransportAdapter.SetThrottle(
                to,
                (ThrottlerTransportAdapter.Direction)
                    scalaObject("ThrottlerTransportAdapter$Direction$Both$"),
                mode));
  }

  private static Object scalaObject(String name) {
    try {
      return Class.forName("org.apache.pekko.remote.transport." + name)
          .getField("MODULE$")
          .get(null);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("pekko test API missing: " + name, e);
    }
  }
}
