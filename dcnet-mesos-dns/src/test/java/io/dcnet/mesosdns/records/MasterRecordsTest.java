package io.dcnet.mesosdns.records;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Leader/master/masterN records; cases carried over from upstream's TestMasterRecord facts. */
class MasterRecordsTest {
  private static final String SRV =
      "_leader._tcp.foo.com.\tSRV\tleader.foo.com.:7|_leader._udp.foo.com.\tSRV\tleader.foo.com.:7";

  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of("", List.of(), ""),
        Arguments.of("@", List.of(), ""),
        Arguments.of("1@", List.of(), ""),
        Arguments.of("@2", List.of(), ""),
        Arguments.of("3@4", List.of(), ""),
        Arguments.of("5@node1:7", List.of(), ""),
        Arguments.of(
            "5@0.0.0.6:7",
            List.of(),
            "leader.foo.com.\tA\t0.0.0.6|master.foo.com.\tA\t0.0.0.6|master0.foo.com.\tA\t0.0.0.6|"
                + SRV),
        Arguments.of(
            "5@[2001:db8::1]:7",
            List.of(),
            "leader.foo.com.\tAAAA\t2001:db8::1|master.foo.com.\tAAAA\t2001:db8::1|"
                + "master0.foo.com.\tAAAA\t2001:db8::1|"
                + SRV),
        Arguments.of(
            "5@0.0.0.6:7",
            List.of("0.0.0.6:7"),
            "leader.foo.com.\tA\t0.0.0.6|master.foo.com.\tA\t0.0.0.6|master0.foo.com.\tA\t0.0.0.6|"
                + SRV),
        // leader not in the list: numbered last
        Arguments.of("5@0.0.0.6:7", List.of("0.0.0.8:9"), leaderSecond()),
        // duplicate masters skipped
        Arguments.of("5@0.0.0.6:7", List.of("0.0.0.8:9", "0.0.0.8:9"), leaderSecond()),
        Arguments.of("5@0.0.0.6:7", List.of("0.0.0.8:9", "0.0.0.6:7"), leaderSecond()),
        Arguments.of("5@0.0.0.6:7", List.of("0.0.0.8:9", "0.0.0.6:7", "0.0.0.6:7"), leaderSecond()),
        // unknown leader slot and bad entries are skipped
        Arguments.of("5@0.0.0.6:7", List.of("", "0.0.0.8:9", "bogus", "0.0.0.6:7"), leaderSecond()),
        Arguments.of(
            "5@0.0.0.6:7",
            List.of("0.0.0.8:9", "0.0.0.6:7", "0.0.0.7:0"),
            leaderSecond() + "|master.foo.com.\tA\t0.0.0.7|master2.foo.com.\tA\t0.0.0.7"),
        Arguments.of(
            "5@0.0.0.6:7",
            List.of("0.0.0.8:9", "0.0.0.6:7", "[2001:db8::1]:0"),
            leaderSecond()
                + "|master.foo.com.\tAAAA\t2001:db8::1|master2.foo.com.\tAAAA\t2001:db8::1"));
  }

  private static String leaderSecond() {
    return "leader.foo.com.\tA\t0.0.0.6|master.foo.com.\tA\t0.0.0.6|master.foo.com.\tA\t0.0.0.8|"
        + "master1.foo.com.\tA\t0.0.0.6|master0.foo.com.\tA\t0.0.0.8|"
        + SRV;
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("cases")
  void masterRecords(String leader, List<String> masters, String expected) {
    RecordSink sink = new RecordSink();
    RecordGenerator.masterRecords(leader, masters, "foo.com", sink);
    List<String> want =
        expected.isEmpty() ? List.of() : Arrays.stream(expected.split("\\|")).sorted().toList();
    assertThat(RecordTsv.lines(sink.build())).containsExactlyElementsOf(want);
  }
}
