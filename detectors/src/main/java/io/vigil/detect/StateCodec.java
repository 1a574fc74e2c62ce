package io.vigil.detect;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

/**
 * The shared framing of the detectors' binary state forms: a version byte, then big-endian {@link
 * DataOutputStream} fields. Nested models are written as length-prefixed blobs in their own
 * mapper's format, so each keeps its own version.
 */
public final class StateCodec {

  /** Writes the body of a state after the version byte. */
  @FunctionalInterface
  public interface Writer {
    void write(DataOutputStream out) throws IOException;
  }

  /** Reads the body of a state after the version byte. */
  @FunctionalInterface
  public interface Reader<T> {
    T read(DataInputStream in, int version) throws IOException;
  }

  private StateCodec() {}

  public static byte[] encode(int version, Writer body) {
    return encode(version, 256, body);
  }

  /**
   * Like {@link #encode(int, Writer)} with room for about {@code expectedBytes} from the start, for
   * a writer that knows its size (a nested blob), so the buffer is not copied as it grows.
   */
  public static byte[] encode(int version, int expectedBytes, Writer body) {
    Buffer buffer = new Buffer(expectedBytes);
    try (DataOutputStream out = new DataOutputStream(buffer)) {
      out.writeByte(version);
      body.write(out);
    } catch (IOException e) {
      throw new UncheckedIOException("writing to memory cannot fail", e);
    }
    return buffer.toByteArray();
  }

  /**
   * A growable byte array without {@link ByteArrayOutputStream}'s locks: {@link DataOutputStream}
   * writes an int or a float byte by byte, and every model is written at every commit that changed
   * it, so a lock per byte was a third of the cost of writing a model.
   */
  private static final class Buffer extends OutputStream {
    private byte[] bytes;
    private int size;

    Buffer(int capacity) {
      bytes = new byte[Math.max(16, capacity)];
    }

    @Override
    public void write(int b) {
      if (size == bytes.length) {
        bytes = Arrays.copyOf(bytes, bytes.length * 2);
      }
      bytes[size++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int len) {
      Objects.checkFromIndexSize(off, len, b.length);
      if (size + len > bytes.length) {
        bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + len));
      }
      System.arraycopy(b, off, bytes, size, len);
      size += len;
    }

    byte[] toByteArray() {
      return Arrays.copyOf(bytes, size);
    }
  }

  /** The bytes after the version, read without {@link ByteArrayInputStream}'s locks. */
  private static final class Input extends InputStream {
    private final byte[] bytes;
    private int position;

    Input(byte[] bytes, int from) {
      this.bytes = bytes;
      this.position = from;
    }

    @Override
    public int read() {
      return position < bytes.length ? bytes[position++] & 0xFF : -1;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      Objects.checkFromIndexSize(off, len, b.length);
      if (len == 0) {
        return 0;
      }
      int n = Math.min(len, bytes.length - position);
      if (n <= 0) {
        return -1;
      }
      System.arraycopy(bytes, position, b, off, n);
      position += n;
      return n;
    }

    @Override
    public long skip(long n) {
      long skipped = Math.max(0, Math.min(n, bytes.length - position));
      position += (int) skipped;
      return skipped;
    }

    @Override
    public int available() {
      return bytes.length - position;
    }
  }

  /**
   * Reads {@code bytes} whose first byte is a version from 1 to {@code version} (the newest this
   * build writes for {@code what}): the reader is given the stored version and reads that version's
   * form, so a newer build keeps reading what an older one stored. All bytes must be consumed.
   *
   * @throws StateFormatException on an empty array, an unknown version, truncated, corrupt or
   *     trailing bytes
   */
  public static <T> T decode(String what, int version, byte[] bytes, Reader<T> body) {
    return decode(what, 1, version, bytes, body);
  }

  /**
   * Like {@link #decode(String, int, byte[], Reader)} for forms whose versions run from {@code
   * oldest} to {@code newest} (unsigned bytes).
   */
  public static <T> T decode(String what, int oldest, int newest, byte[] bytes, Reader<T> body) {
    if (bytes == null || bytes.length == 0) {
      throw new StateFormatException("empty " + what + " state");
    }
    int found = bytes[0] & 0xFF;
    if (found < oldest || found > newest) {
      throw new StateFormatException(
          "unknown "
              + what
              + " state format version "
              + found
              + ", this build reads "
              + oldest
              + " to "
              + newest);
    }
    try (DataInputStream in = new DataInputStream(new Input(bytes, 1))) {
      T value = body.read(in, found);
      if (in.available() > 0) {
        throw new StateFormatException(
            in.available() + " unexpected bytes after " + what + " state");
      }
      return value;
    } catch (StateFormatException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      throw new StateFormatException("corrupt " + what + " state (v" + found + "): " + e, e);
    }
  }

  public static void writeInstant(DataOutputStream out, Instant time) throws IOException {
    out.writeBoolean(time != null);
    if (time != null) {
      out.writeLong(time.getEpochSecond());
      out.writeInt(time.getNano());
    }
  }

  public static Instant readInstant(DataInputStream in) throws IOException {
    try {
      return in.readBoolean() ? Instant.ofEpochSecond(in.readLong(), in.readInt()) : null;
    } catch (DateTimeException e) {
      throw new IOException("bad instant", e);
    }
  }

  public static void writeBlob(DataOutputStream out, byte[] blob) throws IOException {
    out.writeInt(blob.length);
    out.write(blob);
  }

  public static byte[] readBlob(DataInputStream in) throws IOException {
    int length = in.readInt();
    if (length < 0 || length > in.available()) {
      throw new IOException("blob claims " + length + " bytes, " + in.available() + " left");
    }
    byte[] blob = new byte[length];
    in.readFully(blob);
    return blob;
  }

  /** A non-negative count no larger than the bytes left (each item takes at least one byte). */
  public static int readCount(DataInputStream in) throws IOException {
    int count = in.readInt();
    if (count < 0 || count > in.available()) {
      throw new IOException("count " + count + " with " + in.available() + " bytes left");
    }
    return count;
  }
}
