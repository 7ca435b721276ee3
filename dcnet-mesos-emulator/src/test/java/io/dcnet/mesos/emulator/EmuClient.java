package io.dcnet.mesos.emulator;

import io.dcnet.mesos.v1.MasterEvent;
import io.dcnet.mesos.v1.V1Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** Test-side HTTP client for the emulator, with a minimal RecordIO event reader. */
final class EmuClient implements AutoCloseable {
  final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  HttpResponse<byte[]> get(String url) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).GET().build(),
        HttpResponse.BodyHandlers.ofByteArray());
  }

  HttpResponse<byte[]> call(String baseUrl, String type) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1"))
            .timeout(Duration.ofSeconds(10))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString("{\"type\":\"" + type + "\"}"))
            .build(),
        HttpResponse.BodyHandlers.ofByteArray());
  }

  /** An open SUBSCRIBE stream, decoded on a reader thread. */
  static final class Subscription implements AutoCloseable {
    final HttpResponse<InputStream> response;
    final LinkedBlockingQueue<MasterEvent> events = new LinkedBlockingQueue<>();
    volatile boolean ended;
    private final Thread reader;

    Subscription(HttpResponse<InputStream> response) {
      this.response = response;
      this.reader = new Thread(this::read, "test-subscription-reader");
      reader.setDaemon(true);
      reader.start();
    }

    private void read() {
      try (InputStream in = response.body()) {
        while (true) {
          ByteArrayOutputStream len = new ByteArrayOutputStream();
          int c;
          while ((c = in.read()) != '\n') {
            if (c < 0) {
              return;
            }
            len.write(c);
          }
          int n = Integer.parseInt(len.toString(StandardCharsets.US_ASCII).trim());
          byte[] record = in.readNBytes(n);
          if (record.length < n) {
            return;
          }
          events.add(V1Json.parseEvent(record));
        }
      } catch (Exception e) {
        // stream closed
      } finally {
        ended = true;
      }
    }

    /** The next event other than HEARTBEAT, waiting at most 5 s. */
    MasterEvent next() throws InterruptedException {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
      while (System.nanoTime() < deadline) {
        MasterEvent e = events.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
        if (e != null && !(e instanceof MasterEvent.Heartbeat)) {
          return e;
        }
      }
      return null;
    }

    @Override
    public void close() throws IOException {
      response.body().close();
    }
  }

  Subscription subscribe(String baseUrl, String accept) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1"))
            .header("Content-Type", "application/json")
            .header("Accept", accept)
            .POST(HttpRequest.BodyPublishers.ofString("{\"type\":\"SUBSCRIBE\"}"));
    if (accept.contains("recordio")) {
      b.header("Message-Accept", "application/json");
    }
    return new Subscription(http.send(b.build(), HttpResponse.BodyHandlers.ofInputStream()));
  }

  @Override
  public void close() {
    http.close();
  }
}
