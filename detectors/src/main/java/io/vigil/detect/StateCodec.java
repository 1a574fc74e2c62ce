package io.vigil.detect;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.DateTimeException;
import java.time.Instant;

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
    ByteArrayOutputStream buffer = new ByteArrayOutputStream(256);
    try (DataOutputStream out = new DataOutputStream(buffer)) {
      out.writeByte(version);
      body.write(out);
    } catch (IOException e) {
      throw new UncheckedIOException("writing to memory cannot fail", e);
    }
    return buffer.toByteArray();
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
    try (DataInputStream in =
        new DataInputStream(new ByteArrayInputStream(bytes, 1, bytes.length - 1))) {
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
