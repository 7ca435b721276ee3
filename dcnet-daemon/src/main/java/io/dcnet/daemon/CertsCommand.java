package io.dcnet.daemon;

import io.dcnet.state.CertificateTool;
import io.dcnet.state.ClusterStateConfig;
import io.dcnet.state.TlsSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code dcnet certs}: makes the cluster CA (once) and node certificates for mutual TLS between
 * dcnet nodes, with {@link CertificateTool}. Stateless apart from the files it writes.
 *
 * <p>One instance per command line, used by the picocli main thread only.
 */
@Command(
    name = "certs",
    mixinStandardHelpOptions = true,
    versionProvider = Version.Provider.class,
    description = {
      "Make the cluster CA and node certificates for mutual TLS.",
      "",
      "  DIR/ca.crt, DIR/ca.key   the cluster CA (made once; kept if it exists)",
      "  DIR/<NAME>/node.crt, node.key, ca.crt   one directory per --node",
      "Copy DIR/<NAME> to that node and set \"tls_dir\" in its config; keep",
      "ca.key off the nodes.",
      "",
      "Example:",
      "  ./dcnet certs --dir ./tls --cluster-id c0ffee \\",
      "      --node master-1 --ip 10.0.0.1 --node agent-1 --ip 10.0.0.11",
      "",
      "Exit codes: 0 done, 1 the files could not be written, 2 bad command line."
    })
final class CertsCommand implements Callable<Integer> {
  @Option(
      names = "--dir",
      paramLabel = "DIR",
      required = true,
      description = "where the CA is (or is made) and the node directories go")
  Path dir;

  @Option(
      names = "--cluster-id",
      paramLabel = "ID",
      required = true,
      description = "the cluster id (the nodes' cluster_id)")
  String clusterId;

  @ArgGroup(exclusive = false, multiplicity = "0..*")
  List<NodeSpec> nodes = new ArrayList<>();

  static final class NodeSpec {
    @Option(
        names = "--node",
        paramLabel = "NAME",
        required = true,
        description = "a node certificate for NAME (a host name)")
    String name;

    @Option(
        names = "--ip",
        paramLabel = "IP",
        split = ",",
        description = "the node's IP addresses (repeat or comma-separate)")
    List<String> ips = new ArrayList<>();
  }

  @Override
  public Integer call() {
    try {
      ClusterStateConfig.validateClusterId(clusterId);
    } catch (IllegalArgumentException e) {
      System.err.println("dcnet certs: --cluster-id: " + clusterId + " " + expected(e));
      return 2;
    }
    try {
      if (Files.exists(dir.resolve(CertificateTool.CA_CERT))) {
        System.out.println("using the existing CA " + dir.resolve(CertificateTool.CA_CERT));
      } else {
        System.out.println("wrote " + CertificateTool.createCa(dir, clusterId));
      }
      for (NodeSpec n : nodes) {
        TlsSettings t = CertificateTool.createNode(dir, dir.resolve(n.name), n.name, n.ips);
        System.out.println("wrote " + t.certFile() + ", " + t.keyFile() + ", " + t.caCertFile());
      }
      return 0;
    } catch (IllegalArgumentException e) {
      System.err.println("dcnet certs: " + e.getMessage());
      return 2;
    } catch (IOException e) {
      System.err.println("dcnet certs: " + e.getMessage());
      return 1;
    }
  }

  private static String expected(IllegalArgumentException e) {
    String m = String.valueOf(e.getMessage());
    int i = m.indexOf("(expected");
    return i < 0 ? m : m.substring(i);
  }
}
