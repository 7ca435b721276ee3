package io.dcnet.daemon;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.apache.zookeeper.server.embedded.ExitHandler;
import org.apache.zookeeper.server.embedded.ZooKeeperServerEmbedded;

/**
 * The demo's ZooKeeper (also used by the network-namespace tests): one standalone server inside the
 * process, the stand-in for the ZooKeeper ensemble that DC/OS masters run. The demo master
 * allocates named-VIP addresses in it (decision 007). Data lives under the demo's directory.
 *
 * <p>Not thread-safe: start and close from one thread.
 */
public final class DemoZooKeeper implements AutoCloseable {
  private final ZooKeeperServerEmbedded server;
  private final String connectString;

  private DemoZooKeeper(ZooKeeperServerEmbedded server, String connectString) {
    this.server = server;
    this.connectString = connectString;
  }

  /** Starts a server on {@code ip}, on {@code port} (0 = any free port), data in {@code dir}. */
  public static DemoZooKeeper start(String ip, int port, Path dir) throws IOException {
    Files.createDirectories(dir);
    int chosen = port != 0 ? port : DemoPorts.free(ip, false);
    Properties p = new Properties();
    p.setProperty("clientPort", Integer.toString(chosen));
    p.setProperty("clientPortAddress", ip);
    p.setProperty("tickTime", "500");
    p.setProperty("admin.enableServer", "false");
    p.setProperty("4lw.commands.whitelist", "ruok");
    try {
      ZooKeeperServerEmbedded s =
          ZooKeeperServerEmbedded.builder()
              .baseDir(dir)
              .configuration(p)
              .exitHandler(ExitHandler.LOG_ONLY)
              .build();
      s.start(30_000);
      return new DemoZooKeeper(s, ip + ":" + chosen);
    } catch (IOException e) {
      throw e;
    } catch (Exception e) {
      throw new IOException("ZooKeeper on " + ip + ":" + chosen + ": " + e.getMessage(), e);
    }
  }

  /** {@code ip:port} for clients. */
  public String connectString() {
    return connectString;
  }

  @Override
  public void close() {
    server.close();
  }
}
