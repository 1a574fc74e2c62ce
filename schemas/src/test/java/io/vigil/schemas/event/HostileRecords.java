package io.vigil.schemas.event;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The hostile-input corpus: kinds of bad (or odd) record as raw bytes, each with what must become
 * of it. One table for every level that reads events: {@code EventParser} in a unit test, the real
 * processor on the embedded broker ({@code HostileInputIT}), and the README's table ({@link
 * #markdown}). Records are written straight to the events topic, so the record key is part of a
 * kind.
 */
public final class HostileRecords {
  /** The series key of the corpus' events. */
  public static final String KEY = "hostile/k";

  private static final byte[] RECORD_KEY = KEY.getBytes(StandardCharsets.UTF_8);

  /** What becomes of a record. */
  public enum Outcome {
    /** Dead-lettered with its reason, its original key and value bytes; counted. */
    DEAD_LETTER,
    /** Accepted and scored (under the body's key). */
    SCORED
  }

  /**
   * One kind of record.
   *
   * @param kind short name, unique
   * @param what the kind in words, for the README
   * @param key the record key bytes (may be null)
   * @param value the record value bytes (null is a tombstone)
   * @param outcome what must become of it
   * @param expected a substring of the rejection reason, or the series key it is scored under
   * @param counted the {@code reason} label of the dead-letter counter ({@link RejectionKind}), or
   *     null when scored
   */
  public record Hostile(
      String kind,
      String what,
      byte[] key,
      byte[] value,
      Outcome outcome,
      String expected,
      String counted) {
    @Override
    public String toString() {
      return kind;
    }
  }

  private final Instant now;
  private final List<Hostile> all = new ArrayList<>();

  private HostileRecords(Instant now) {
    this.now = now;
  }

  /** The corpus for a parser whose clock reads {@code now} (timestamps are relative to it). */
  public static List<Hostile> corpus(Instant now) {
    HostileRecords c = new HostileRecords(now);
    c.encodings();
    c.syntax();
    c.numbers();
    c.documents();
    c.fields();
    c.timestamps();
    c.recordKeys();
    return List.copyOf(c.all);
  }

  /** A valid event of the corpus' key, its timestamp {@code now} minus a minute. */
  private String event() {
    return event("'value':1.5");
  }

  /** An event with the corpus key and timestamp and {@code rest} (single quotes for double). */
  private String event(String rest) {
    return "{'key':'" + KEY + "','timestamp':'" + now.minusSeconds(60) + "'," + rest + "}";
  }

  private static byte[] utf8(String singleQuoted) {
    return singleQuoted.replace('\'', '"').getBytes(StandardCharsets.UTF_8);
  }

  private void rejected(String kind, String what, byte[] value, String reason, String counted) {
    all.add(new Hostile(kind, what, RECORD_KEY, value, Outcome.DEAD_LETTER, reason, counted));
  }

  private void rejected(String kind, String what, String value, String reason, String counted) {
    rejected(kind, what, utf8(value), reason, counted);
  }

  private void scored(String kind, String what, byte[] key, byte[] value) {
    all.add(new Hostile(kind, what, key, value, Outcome.SCORED, KEY, null));
  }

  private void scored(String kind, String what, String value) {
    scored(kind, what, RECORD_KEY, utf8(value));
  }

  /** The bytes with {@code inside} spliced into the key's string, after {@code hostile/}. */
  private byte[] inKey(int... inside) {
    byte[] json = utf8(event());
    int at = indexOf(json, "hostile/".getBytes(StandardCharsets.US_ASCII)) + "hostile/".length();
    byte[] out = new byte[json.length + inside.length];
    System.arraycopy(json, 0, out, 0, at);
    for (int i = 0; i < inside.length; i++) {
      out[at + i] = (byte) inside[i];
    }
    System.arraycopy(json, at, out, at + inside.length, json.length - at);
    return out;
  }

  private static int indexOf(byte[] bytes, byte[] part) {
    for (int i = 0; i + part.length <= bytes.length; i++) {
      if (Arrays.equals(bytes, i, i + part.length, part, 0, part.length)) {
        return i;
      }
    }
    throw new IllegalArgumentException("not found");
  }

  private byte[] encoded(Charset charset, boolean bom) {
    return ((bom ? "\uFEFF" : "") + event().replace('\'', '"')).getBytes(charset);
  }

  private void encodings() {
    for (String name : List.of("UTF-16LE", "UTF-16BE", "UTF-32LE", "UTF-32BE")) {
      Charset charset = Charset.forName(name);
      String reason = "not UTF-8: the bytes are " + name;
      String lower = name.toLowerCase();
      rejected(
          lower, "the event in " + name + ", no BOM", encoded(charset, false), reason, "not_utf8");
      rejected(
          lower + "-bom",
          "the event in " + name + " with a BOM",
          encoded(charset, true),
          reason,
          "not_utf8");
    }
    String notUtf8 = "not UTF-8";
    rejected(
        "latin-1",
        "a key with é as one Latin-1 byte (0xE9)",
        inKey(0xE9, 'x'),
        notUtf8,
        "not_utf8");
    rejected("overlong-2", "overlong '/' (0xC0 0xAF)", inKey(0xC0, 0xAF), notUtf8, "not_utf8");
    rejected(
        "overlong-3",
        "overlong '/' in 3 bytes (0xE0 0x80 0xAF)",
        inKey(0xE0, 0x80, 0xAF),
        notUtf8,
        "not_utf8");
    rejected(
        "overlong-nul",
        "overlong NUL (0xC0 0x80, modified UTF-8)",
        inKey(0xC0, 0x80),
        notUtf8,
        "not_utf8");
    rejected(
        "raw-surrogate",
        "a lone surrogate encoded raw (0xED 0xA0 0x80)",
        inKey(0xED, 0xA0, 0x80),
        notUtf8,
        "not_utf8");
    rejected(
        "cesu-8-pair",
        "a surrogate pair in CESU-8 (6 bytes)",
        inKey(0xED, 0xA0, 0xBD, 0xED, 0xB8, 0x80),
        notUtf8,
        "not_utf8");
    rejected(
        "above-u10ffff",
        "a code point above U+10FFFF (0xF4 0x90 0x80 0x80)",
        inKey(0xF4, 0x90, 0x80, 0x80),
        notUtf8,
        "not_utf8");
    rejected(
        "truncated-sequence",
        "a 3-byte sequence cut after 2 bytes",
        inKey(0xE2, 0x82),
        notUtf8,
        "not_utf8");
    rejected(
        "stray-continuation",
        "a continuation byte with no lead (0x80)",
        inKey(0x80),
        notUtf8,
        "not_utf8");
    rejected("byte-ff", "the byte 0xFF, never in UTF-8", inKey(0xFF), notUtf8, "not_utf8");
    rejected(
        "latin-1-unknown-value",
        "a Latin-1 byte in the string of an unknown member",
        event("'value':1,'note':'caf\u00e9'")
            .replace('\'', '"')
            .getBytes(StandardCharsets.ISO_8859_1),
        notUtf8,
        "not_utf8");
    rejected(
        "latin-1-unknown-name",
        "a Latin-1 byte in the name of an unknown member",
        event("'value':1,'caf\u00e9':1").replace('\'', '"').getBytes(StandardCharsets.ISO_8859_1),
        notUtf8,
        "not_utf8");
    rejected(
        "escaped-lone-high",
        "an escaped lone high surrogate \\uD800 in the key",
        event().replace("hostile/k", "hostile/\\uD800k"),
        "/key: holds a lone surrogate",
        "invalid_key");
    rejected(
        "escaped-lone-low",
        "an escaped lone low surrogate \\uDC00 in a tag value",
        event("'value':1,'tags':{'t':'\\uDC00'}"),
        "/tags/t: holds a lone surrogate",
        "invalid_tags");
    rejected(
        "escaped-lone-name",
        "an escaped lone surrogate as a feature name",
        event("'values':{'\\uD800':1}"),
        "surrogate",
        "malformed_json");
    rejected(
        "escaped-lone-low-name",
        "an escaped lone low surrogate as a tag name",
        event("'value':1,'tags':{'\\uDC00':'v'}"),
        "surrogate",
        "malformed_json");
    rejected(
        "escaped-reversed-pair",
        "escaped surrogates in the wrong order \\uDE00\\uD83D",
        event().replace("hostile/k", "hostile/\\uDE00\\uD83Dk"),
        "/key: holds a lone surrogate",
        "invalid_key");
    scored(
        "escaped-pair",
        "an escaped surrogate pair (\\uD83D\\uDE00) in a tag",
        event("'value':1,'tags':{'t':'\\uD83D\\uDE00'}"));
    byte[] bom = utf8(event());
    byte[] withBom = new byte[bom.length + 3];
    withBom[0] = (byte) 0xEF;
    withBom[1] = (byte) 0xBB;
    withBom[2] = (byte) 0xBF;
    System.arraycopy(bom, 0, withBom, 3, bom.length);
    scored(
        "utf-8-bom",
        "UTF-8 with a byte order mark: ignored, as RFC 8259 §8.1 allows",
        RECORD_KEY,
        withBom);
    byte[] twoBoms = new byte[withBom.length + 3];
    System.arraycopy(withBom, 0, twoBoms, 0, 3);
    System.arraycopy(withBom, 0, twoBoms, 3, withBom.length);
    rejected(
        "utf-8-two-boms",
        "two byte order marks: the second is a character before '{'",
        twoBoms,
        "malformed JSON",
        "malformed_json");
  }

  private void syntax() {
    String valid = event();
    rejected(
        "truncated",
        "the event cut in half",
        valid.substring(0, valid.length() / 2),
        "malformed JSON",
        "malformed_json");
    rejected("open-brace", "just '{'", "{", "malformed JSON", "malformed_json");
    rejected(
        "trailing-garbage", "the event, then 'x'", valid + "x", "malformed JSON", "malformed_json");
    rejected(
        "two-objects",
        "two events in one record",
        valid + valid,
        "malformed JSON",
        "malformed_json");
    rejected(
        "trailing-comma",
        "a comma before '}'",
        event("'value':1,"),
        "malformed JSON",
        "malformed_json");
    rejected(
        "single-quotes",
        "single-quoted names and strings",
        valid.getBytes(StandardCharsets.UTF_8),
        "malformed JSON",
        "malformed_json");
    rejected(
        "comment",
        "a `/* */` comment",
        event("/* c */ 'value':1"),
        "malformed JSON",
        "malformed_json");
    rejected(
        "unquoted-name",
        "an unquoted member name",
        event("value:1"),
        "malformed JSON",
        "malformed_json");
    rejected(
        "deep-nesting",
        "17 levels in an unknown member (the limit is 16)",
        event("'value':1,'x':" + "[".repeat(16) + "]".repeat(16)),
        "document too deep",
        "too_large");
    rejected(
        "very-deep-nesting",
        "60000 '[': refused before any stack is used",
        "[".repeat(60_000),
        "document too deep",
        "too_large");
    rejected(
        "duplicate-key",
        "'key' twice",
        event("'value':1,'key':'other'"),
        "Duplicate field 'key'",
        "malformed_json");
    rejected(
        "duplicate-feature",
        "a feature name twice in values",
        event("'values':{'a':1,'a':2}"),
        "Duplicate field 'a'",
        "malformed_json");
    rejected(
        "raw-control-char",
        "a raw 0x01 inside a string",
        event("'value':1,'id':'a\u0001b'"),
        "malformed JSON",
        "malformed_json");
    rejected(
        "raw-newline",
        "a raw line feed inside a string",
        event("'value':1,'id':'a\nb'"),
        "malformed JSON",
        "malformed_json");
    rejected(
        "raw-nul",
        "a raw NUL byte inside a string",
        event("'value':1,'id':'a\u0000b'"),
        "malformed JSON",
        "malformed_json");
    scored(
        "escaped-controls",
        "escaped \\u0000, \\n and \\u001b in a tag value: valid JSON",
        event("'value':1,'tags':{'t':'a\\u0000\\n\\u001bb'}"));
    scored(
        "unknown-fields",
        "members the schema does not name: ignored",
        event("'value':1,'extra':{'a':[1,2,{'b':null}]}"));
  }

  private void numbers() {
    rejected("nan", "NaN as a literal", event("'value':NaN"), "malformed JSON", "malformed_json");
    rejected(
        "infinity",
        "Infinity as a literal",
        event("'value':Infinity"),
        "malformed JSON",
        "malformed_json");
    rejected(
        "minus-infinity",
        "-Infinity as a literal",
        event("'value':-Infinity"),
        "malformed JSON",
        "malformed_json");
    rejected(
        "nan-string",
        "\"NaN\" as a string",
        event("'value':'NaN'"),
        "/value: must be a number",
        "invalid_value");
    rejected(
        "overflow",
        "1e400, beyond a double",
        event("'value':1e400"),
        "/value: must be a finite number",
        "invalid_value");
    rejected(
        "negative-overflow",
        "-1e400",
        event("'value':-1e400"),
        "/value: must be a finite number",
        "invalid_value");
    rejected(
        "feature-overflow",
        "a feature of 1e999",
        event("'values':{'a':1,'b':1e999}"),
        "/values/b: must be a finite number",
        "invalid_values");
    rejected(
        "long-number",
        "a number of 2000 digits",
        event("'value':" + "9".repeat(2000)),
        "document too deep or too large",
        "too_large");
    scored(
        "big-integer",
        "a 30-digit integer: finite as a double",
        event("'value':123456789012345678901234567890"));
    scored("tiny-number", "1e-400: underflows to 0, finite", event("'value':1e-400"));
    scored("negative-zero", "-0", event("'value':-0"));
    rejected("leading-zeros", "007", event("'value':007"), "malformed JSON", "malformed_json");
    rejected("leading-plus", "+1", event("'value':+1"), "malformed JSON", "malformed_json");
    rejected("hex-number", "0x1F", event("'value':0x1F"), "malformed JSON", "malformed_json");
    rejected("bare-fraction", ".5", event("'value':.5"), "malformed JSON", "malformed_json");
  }

  private void documents() {
    rejected("empty-value", "a value of 0 bytes", new byte[0], "empty payload", "empty");
    rejected("tombstone", "a null value (tombstone)", (byte[]) null, "empty payload", "empty");
    rejected("whitespace-only", "only spaces and line feeds", " \n\t ", "empty payload", "empty");
    rejected(
        "json-null",
        "the literal null",
        "null",
        "must be a JSON object, was null",
        "invalid_document");
    rejected(
        "top-level-array",
        "an array of one event",
        "[" + event() + "]",
        "must be a JSON object, was an array",
        "invalid_document");
    rejected(
        "top-level-string",
        "a string",
        "'event'",
        "must be a JSON object, was a string",
        "invalid_document");
    rejected(
        "top-level-number",
        "a number",
        "42",
        "must be a JSON object, was a number",
        "invalid_document");
    rejected("empty-object", "{}", "{}", "/key: required", "invalid_key");
    byte[] big =
        utf8(event("'value':1,'pad':'" + "x".repeat(EventLimits.defaults().maxBytes()) + "'"));
    rejected(
        "oversized",
        "over the 64 KiB event limit",
        big,
        "payload is " + big.length + " bytes",
        "too_large");
  }

  private void fields() {
    String ts = "'timestamp':'" + now.minusSeconds(60) + "'";
    rejected(
        "key-number",
        "key 42",
        "{'key':42," + ts + ",'value':1}",
        "/key: must be a string, was a number",
        "invalid_key");
    rejected(
        "key-null",
        "key null",
        "{'key':null," + ts + ",'value':1}",
        "/key: required",
        "invalid_key");
    rejected(
        "key-empty",
        "key \"\"",
        "{'key':''," + ts + ",'value':1}",
        "/key: must not be blank",
        "invalid_key");
    rejected(
        "key-blank",
        "key of spaces and a tab",
        "{'key':' \\t '," + ts + ",'value':1}",
        "/key: must not be blank",
        "invalid_key");
    rejected(
        "key-object",
        "key {}",
        "{'key':{}," + ts + ",'value':1}",
        "/key: must be a string, was an object",
        "invalid_key");
    rejected(
        "key-array",
        "key [\"a\"]",
        "{'key':['a']," + ts + ",'value':1}",
        "/key: must be a string, was an array",
        "invalid_key");
    rejected(
        "key-too-long",
        "a key of 257 characters",
        "{'key':'" + "k".repeat(257) + "'," + ts + ",'value':1}",
        "/key: is 257 characters",
        "invalid_key");
    rejected(
        "timestamp-missing",
        "no timestamp",
        "{'key':'" + KEY + "','value':1}",
        "/timestamp: required",
        "invalid_timestamp");
    rejected(
        "timestamp-boolean",
        "timestamp true",
        "{'key':'" + KEY + "','timestamp':true,'value':1}",
        "/timestamp: must be an RFC 3339",
        "invalid_timestamp");
    rejected(
        "timestamp-array",
        "timestamp [2024]",
        "{'key':'" + KEY + "','timestamp':[2024],'value':1}",
        "/timestamp: must be an RFC 3339",
        "invalid_timestamp");
    rejected(
        "timestamp-object",
        "timestamp {}",
        "{'key':'" + KEY + "','timestamp':{},'value':1}",
        "/timestamp: must be an RFC 3339",
        "invalid_timestamp");
    rejected(
        "value-string",
        "value \"42\"",
        event("'value':'42'"),
        "/value: must be a number",
        "invalid_value");
    rejected(
        "value-boolean",
        "value true",
        event("'value':true"),
        "/value: must be a number",
        "invalid_value");
    rejected(
        "value-array",
        "value [1]",
        event("'value':[1]"),
        "/value: must be a number",
        "invalid_value");
    rejected(
        "value-object",
        "value {}",
        event("'value':{}"),
        "/value: must be a number",
        "invalid_value");
    rejected(
        "value-and-values",
        "both value and values",
        event("'value':1,'values':{'a':1}"),
        "has both value and values",
        "invalid_document");
    rejected(
        "no-value",
        "neither value nor values",
        event("'id':'x'"),
        "needs value or values",
        "invalid_document");
    rejected(
        "values-array",
        "values [1,2]",
        event("'values':[1,2]"),
        "/values: must be a JSON object, was an array",
        "invalid_values");
    rejected(
        "values-empty",
        "values {}",
        event("'values':{}"),
        "/values: must not be empty",
        "invalid_values");
    rejected(
        "values-string-member",
        "a feature \"1\"",
        event("'values':{'a':'1'}"),
        "/values/a: must be a number",
        "invalid_values");
    rejected(
        "too-many-features",
        "65 features (the limit is 64)",
        event(
            "'values':{"
                + IntStream.range(0, 65)
                    .mapToObj(i -> "'f" + i + "':" + i)
                    .collect(Collectors.joining(","))
                + "}"),
        "/values: has 65 entries, limit is 64",
        "invalid_values");
    rejected(
        "feature-name-empty",
        "a feature named \"\"",
        event("'values':{'':1}"),
        "name must have 1 to 256 characters",
        "invalid_values");
    rejected(
        "feature-name-too-long",
        "a feature name of 257 characters",
        event("'values':{'" + "f".repeat(257) + "':1}"),
        "name must have 1 to 256 characters",
        "invalid_values");
    rejected("id-number", "id 7", event("'value':1,'id':7"), "/id: must be a string", "invalid_id");
    rejected(
        "id-blank",
        "id \" \"",
        event("'value':1,'id':' '"),
        "/id: must not be blank",
        "invalid_id");
    rejected(
        "tags-array",
        "tags [\"a\"]",
        event("'value':1,'tags':['a']"),
        "/tags: must be a JSON object",
        "invalid_tags");
    rejected(
        "tag-number",
        "a tag value 1",
        event("'value':1,'tags':{'t':1}"),
        "/tags/t: must be a string",
        "invalid_tags");
    rejected(
        "tag-object",
        "a tag value {}",
        event("'value':1,'tags':{'t':{}}"),
        "/tags/t: must be a string",
        "invalid_tags");
    rejected(
        "too-many-tags",
        "33 tags (the limit is 32)",
        event(
            "'value':1,'tags':{"
                + IntStream.range(0, 33)
                    .mapToObj(i -> "'t" + i + "':'v'")
                    .collect(Collectors.joining(","))
                + "}"),
        "/tags: has 33 entries, limit is 32",
        "invalid_tags");
    rejected(
        "tag-too-long",
        "a tag value of 257 characters",
        event("'value':1,'tags':{'t':'" + "v".repeat(257) + "'}"),
        "/tags/t: is 257 characters",
        "invalid_tags");
  }

  private void timestamps() {
    String head = "{'key':'" + KEY + "','value':1,'timestamp':";
    String rfc = "not an RFC 3339 date-time";
    rejected(
        "epoch-negative",
        "epoch milliseconds -1",
        head + "-1}",
        "must be at least 0",
        "invalid_timestamp");
    rejected(
        "epoch-fraction",
        "epoch milliseconds 1.5",
        head + "1.5}",
        "must be an integer",
        "invalid_timestamp");
    rejected(
        "epoch-huge",
        "epoch milliseconds 1e30",
        head + "1e30}",
        "must be at most",
        "invalid_timestamp");
    rejected(
        "epoch-max-long",
        "epoch milliseconds 2^63-1",
        head + Long.MAX_VALUE + "}",
        "in the future",
        "invalid_timestamp");
    rejected(
        "epoch-seconds",
        "epoch seconds instead of milliseconds (1970-01-20)",
        head + now.getEpochSecond() + "}",
        "in the past",
        "invalid_timestamp");
    rejected(
        "epoch-as-string",
        "epoch milliseconds as a string",
        head + "'" + now.toEpochMilli() + "'}",
        rfc,
        "invalid_timestamp");
    String day = now.minus(Duration.ofDays(1)).toString().substring(0, 10);
    rejected(
        "no-offset",
        "a local date-time without an offset",
        head + "'" + day + "T12:00:00'}",
        rfc,
        "invalid_timestamp");
    rejected(
        "space-separator",
        "a space instead of T",
        head + "'" + day + " 12:00:00Z'}",
        rfc,
        "invalid_timestamp");
    rejected(
        "date-only", "a date without a time", head + "'" + day + "'}", rfc, "invalid_timestamp");
    rejected(
        "ten-fraction-digits",
        "ten digits of fraction",
        head + "'" + day + "T12:00:00.1234567890Z'}",
        rfc,
        "invalid_timestamp");
    rejected(
        "month-13",
        "month 13",
        head + "'2024-13-01T00:00:00Z'}",
        "not a valid date-time",
        "invalid_timestamp");
    rejected(
        "february-30",
        "30 February",
        head + "'2024-02-30T00:00:00Z'}",
        "not a valid date-time",
        "invalid_timestamp");
    rejected(
        "hour-24",
        "24:00:00 (ISO 8601's end of day; RFC 3339 has no hour 24)",
        head + "'" + day + "T24:00:00Z'}",
        "not a valid date-time",
        "invalid_timestamp");
    rejected(
        "no-seconds",
        "a date-time without seconds",
        head + "'" + day + "T12:00Z'}",
        rfc,
        "invalid_timestamp");
    rejected(
        "year-zero",
        "the year 0000",
        head + "'0000-01-01T00:00:00Z'}",
        "in the past",
        "invalid_timestamp");
    rejected("epoch-zero", "1970-01-01T00:00:00Z", head + "0}", "in the past", "invalid_timestamp");
    rejected(
        "far-future",
        "9999-12-31T23:59:59Z",
        head + "'9999-12-31T23:59:59Z'}",
        "in the future",
        "invalid_timestamp");
    rejected(
        "two-hours-ahead",
        "two hours ahead of the clock",
        head + "'" + now.plus(Duration.ofHours(2)) + "'}",
        "in the future",
        "invalid_timestamp");
    rejected(
        "five-digit-year",
        "+10000-01-01T00:00:00Z",
        head + "'+10000-01-01T00:00:00Z'}",
        rfc,
        "invalid_timestamp");
    scored(
        "lower-case-t-z",
        "t and z in lower case, as RFC 3339 allows",
        head + "'" + now.minusSeconds(60).toString().replace('T', 't').replace('Z', 'z') + "'}");
    scored(
        "offset",
        "an offset of +05:30",
        head
            + "'"
            + java.time.format.DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(
                now.minusSeconds(3600).atOffset(java.time.ZoneOffset.ofHoursMinutes(5, 30)))
            + "'}");
  }

  private void recordKeys() {
    byte[] notUtf8 = {(byte) 0xFF, (byte) 0xFE, 'k'};
    scored(
        "record-key-not-utf8",
        "record key 0xFF 0xFE 'k': the body's key is the series key",
        notUtf8,
        utf8(event()));
    all.add(
        new Hostile(
            "record-key-not-utf8-invalid",
            "record key 0xFF 0xFE 'k' and an invalid body: the key bytes are kept",
            notUtf8,
            utf8("{}"),
            Outcome.DEAD_LETTER,
            "/key: required",
            "invalid_key"));
    scored("record-key-null", "no record key", null, utf8(event()));
    scored("record-key-empty", "an empty record key", new byte[0], utf8(event()));
    scored(
        "record-key-mismatch",
        "record key other/x, body key hostile/k: scored as the body says",
        "other/x".getBytes(StandardCharsets.UTF_8),
        utf8(event()));
  }

  /** The corpus as a Markdown table, for the README. */
  public static String markdown(List<Hostile> corpus) {
    StringBuilder table =
        new StringBuilder("| kind | record | outcome | reason contains | counted as |\n")
            .append("| --- | --- | --- | --- | --- |\n");
    for (Hostile h : corpus) {
      boolean dead = h.outcome() == Outcome.DEAD_LETTER;
      table
          .append("| `")
          .append(h.kind())
          .append("` | ")
          .append(h.what().replace("|", "\\|"))
          .append(" | ")
          .append(dead ? "dead letter" : "scored")
          .append(" | ")
          .append(dead ? "`" + h.expected() + "`" : "scored as `" + h.expected() + "`")
          .append(" | ")
          .append(dead ? "`" + h.counted() + "`" : "—")
          .append(" |\n");
    }
    return table.toString();
  }
}
