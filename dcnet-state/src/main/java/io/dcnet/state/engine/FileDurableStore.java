package io.dcnet.state.engine;

import com.typesafe.config.Config;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Base64;
import org.apache.pekko.actor.AbstractActor;
import org.apache.pekko.cluster.ddata.DurableStore;
import org.apache.pekko.serialization.Serialization;
import org.apache.pekko.serialization.SerializationExtension;
import org.apache.pekko.serialization.Serializer;
import org.apache.pekko.serialization.Serializers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Durable store for Pekko Distributed Data that keeps one small file per top-level key in {@code
 * durable.file.dir} (decision D1 in the README: used instead of LMDB). Each write goes to a
 * temporary file, is fsynced and atomically renamed over the old one. File format: serializer id
 * (int), manifest (modified UTF-8), length (int), bytes of the serialized {@code
 * DurableDataEnvelope}.
 *
 * <p>Owned by its actor (runs on Pekko's pinned durable-store dispatcher); not shared.
 */
public final class FileDurableStore extends AbstractActor {
  private static final Logger LOG = LoggerFactory.getLogger(FileDurableStore.class);
  private static final String SUFFIX = ".ddata";

  /**
   * Answered with itself once every message queued before it (every pending write) is done; see
   * {@link Incarnation#flushDurable}.
   */
  public static final String FLUSH = "dcnet-durable-flush";

  private final Path dir;
  private final Serialization serialization;

  public FileDurableStore(Config config) {
    this.dir = Paths.get(config.getString("file.dir"));
    this.serialization = SerializationExtension.get(getContext().getSystem());
  }

  @Override
  public Receive createReceive() {
    return receiveBuilder()
        .matchEquals(DurableStore.LoadAll$.MODULE$, m -> loadAll())
        .match(DurableStore.Store.class, this::store)
        .matchEquals(FLUSH, m -> getSender().tell(FLUSH, getSelf()))
        .build();
  }

  @SuppressWarnings("unchecked") // Scala's Map.updated has a lower-bounded type parameter
  private void loadAll() {
    scala.collection.immutable.Map<String, DurableStore.DurableDataEnvelope> data =
        scala.collection.immutable.Map$.MODULE$.empty();
    try {
      Files.createDirectories(dir);
      try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*" + SUFFIX)) {
        for (Path file : files) {
          String name = file.getFileName().toString();
          String key = decodeName(name.substring(0, name.length() - SUFFIX.length()));
          try {
            DurableStore.DurableDataEnvelope envelope = read(file);
            data = data.updated(key, envelope);
          } catch (IOException | RuntimeException e) {
            LOG.warn("durable state file {} unreadable, ignoring it: {}", file, e.toString());
          }
        }
      }
    } catch (IOException e) {
      throw new DurableStore.LoadFailed("durable state dir " + dir + " unreadable", e);
    }
    LOG.info("loaded {} durable keys from {}", data.size(), dir);
    if (data.nonEmpty()) {
      getSender().tell(new DurableStore.LoadData(data), getSelf());
    }
    getSender().tell(DurableStore.LoadAllCompleted$.MODULE$, getSelf());
  }

  private DurableStore.DurableDataEnvelope read(Path file) throws IOException {
    try (DataInputStream in = new DataInputStream(Files.newInputStream(file))) {
      int serializerId = in.readInt();
      String manifest = in.readUTF();
      int len = in.readInt();
      if (len < 0 || len > 64 * 1024 * 1024) {
        throw new IOException("length " + len + " out of range");
      }
      byte[] bytes = in.readNBytes(len);
      if (bytes.length != len) {
        throw new IOException("truncated");
      }
      return (DurableStore.DurableDataEnvelope)
          serialization.deserialize(bytes, serializerId, manifest).get();
    }
  }

  private void store(DurableStore.Store msg) {
    Object reply;
    try {
      write(msg.key(), msg.data());
      reply = msg.reply().isDefined() ? msg.reply().get().successMsg() : null;
    } catch (IOException | RuntimeException e) {
      LOG.warn("durable write of key {} failed: {}", msg.key(), e.toString());
      reply = msg.reply().isDefined() ? msg.reply().get().failureMsg() : null;
    }
    if (reply != null) {
      msg.reply().get().replyTo().tell(reply, getSelf());
    }
  }

  private void write(String key, DurableStore.DurableDataEnvelope data) throws IOException {
    Serializer serializer = serialization.findSerializerFor(data);
    String manifest = Serializers.manifestFor(serializer, data);
    byte[] bytes = serializer.toBinary(data);
    ByteArrayOutputStream buf = new ByteArrayOutputStream(bytes.length + 64);
    try (DataOutputStream out = new DataOutputStream(buf)) {
      out.writeInt(serializer.identifier());
      out.writeUTF(manifest);
      out.writeInt(bytes.length);
      out.write(bytes);
    }
    Files.createDirectories(dir);
    String base = encodeName(key);
    Path tmp = dir.resolve(base + ".tmp");
    try (FileChannel ch =
        FileChannel.open(
            tmp,
            StandardOpenOption.CREATE,
            StandardOpenOption.WRITE,
            StandardOpenOption.TRUNCATE_EXISTING)) {
      ByteBuffer bb = ByteBuffer.wrap(buf.toByteArray());
      while (bb.hasRemaining()) {
        ch.write(bb);
      }
      ch.force(true);
    }
    Files.move(
        tmp,
        dir.resolve(base + SUFFIX),
        StandardCopyOption.ATOMIC_MOVE,
        StandardCopyOption.REPLACE_EXISTING);
  }

  static String encodeName(String key) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(key.getBytes(StandardCharsets.UTF_8));
  }

  static String decodeName(String name) {
    return new String(Base64.getUrlDecoder().decode(name), StandardCharsets.UTF_8);
  }
}
