package io.dcnet.dns.mesos;

import io.dcnet.dns.records.RecordSet;
import io.dcnet.dns.records.SoaSettings;

/**
 * Measures what building every wire-form entry of a large view costs (the fast path builds them
 * lazily, per name and type, on first query; this is the total if every name is asked for). Tasks
 * are laid out like Mesos-DNS's Marathon records: per task an A for the app and for the task on the
 * framework and slave domains, and SRV for {@code _app._tcp}/{@code _app._udp}.
 *
 * <p>Run: {@code java -cp <test classpath> io.dcnet.dns.mesos.WireAnswersBuildMain [tasks]}.
 */
public final class WireAnswersBuildMain {
  private WireAnswersBuildMain() {}

  /** A record set of {@code tasks} tasks, 10 per app. */
  public static RecordSet tasks(int tasks) {
    RecordSet.Builder b = RecordSet.builder();
    for (int t = 0; t < tasks; t++) {
      String app = "app" + (t / 10);
      String task = app + "-" + Integer.toString(t, 36) + "-s" + (t % 50);
      String slaveIp = "10.0." + ((t / 250) % 250) + "." + (t % 250 + 1);
      String taskIp = "10.1." + ((t / 250) % 250) + "." + (t % 250 + 1);
      b.addA(app + ".marathon.mesos.", taskIp);
      b.addA(task + ".marathon.mesos.", taskIp);
      b.addA(app + ".marathon.slave.mesos.", slaveIp);
      b.addA(task + ".marathon.slave.mesos.", slaveIp);
      b.addSrv(
          "_" + app + "._tcp.marathon.mesos.", task + ".marathon.mesos.:" + (31000 + t % 1000));
      b.addSrv(
          "_" + app + "._tcp.marathon.slave.mesos.",
          task + ".marathon.slave.mesos.:" + (31000 + t % 1000));
      b.addSrv(
          "_" + app + "._udp.marathon.slave.mesos.",
          task + ".marathon.slave.mesos.:" + (31000 + t % 1000));
    }
    return b.build();
  }

  public static void main(String[] args) {
    int tasks = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
    RecordSet rs = tasks(tasks);
    SoaSettings soa = new SoaSettings("mesos", "ns1.mesos.", "root.ns1.mesos.", 60, 60, 600, 86400);
    AuthorityView view = new AuthorityView(rs, 1, soa);
    MesosAuthority authority = new MesosAuthority(() -> view, 1, true);
    for (int round = 1; round <= 8; round++) {
      long t0 = System.nanoTime();
      int entries = new MesosWireAnswers(view, authority, true).prepareAll();
      long t1 = System.nanoTime();
      System.out.printf(
          "round %d: %d tasks, %d records, %d entries built in %.1f ms (%.2f us/entry)%n",
          round, tasks, rs.size(), entries, (t1 - t0) / 1e6, (t1 - t0) / 1e3 / entries);
    }
  }
}
