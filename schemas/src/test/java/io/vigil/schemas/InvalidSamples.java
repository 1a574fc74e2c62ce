package io.vigil.schemas;

import static io.vigil.schemas.MessageSchema.ANOMALY;
import static io.vigil.schemas.MessageSchema.DETECTOR_CONFIG;
import static io.vigil.schemas.MessageSchema.EVENT;
import static io.vigil.schemas.MessageSchema.FEEDBACK;
import static io.vigil.schemas.MessageSchema.SCORE;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * Invalid documents for every schema, each with the field the Java rejection must name. Documents
 * are written with single quotes for readability ({@link #json} turns them into double quotes).
 */
public final class InvalidSamples {
  private InvalidSamples() {}

  /**
   * One invalid document.
   *
   * @param field the JSON pointer the Java rejection names
   * @param javaOnly the rule is one JSON Schema cannot express (size, finiteness, depth,
   *     duplicates, clock skew, cross-field order), so only the Java parser is held to it
   */
  public record Sample(
      MessageSchema schema, String name, String document, String field, boolean javaOnly) {
    @Override
    public String toString() {
      return schema.name().toLowerCase() + ": " + name;
    }
  }

  private static final String EVENT_HEAD = "{'key':'host-1/cpu','timestamp':'2024-05-01T12:00:00Z'";

  public static Stream<Sample> all() {
    return Stream.of(event(), anomaly(), score(), detectorConfig(), feedback())
        .flatMap(List::stream);
  }

  static String json(String singleQuoted) {
    return singleQuoted.replace('\'', '"');
  }

  static List<Sample> event() {
    List<Sample> s = new ArrayList<>();
    // The document as a whole
    s.add(bad(EVENT, "malformed JSON", "{'key':'host-1/cpu','timestamp':", "/timestamp"));
    s.add(bad(EVENT, "empty payload", "", ""));
    s.add(bad(EVENT, "only whitespace", "   \n", ""));
    s.add(bad(EVENT, "array instead of object", "[" + EVENT_HEAD + ",'value':1}]", ""));
    s.add(bad(EVENT, "JSON null", "null", ""));
    s.add(bad(EVENT, "bare string", "'host-1/cpu'", ""));
    s.add(bad(EVENT, "trailing garbage", EVENT_HEAD + ",'value':1} x", ""));
    s.add(javaOnly(EVENT, "duplicate name", EVENT_HEAD + ",'value':1,'value':2}", "/value"));
    s.add(
        javaOnly(
            EVENT,
            "payload over 64 KiB",
            EVENT_HEAD + ",'value':1,'pad':'" + "x".repeat(70_000) + "'}",
            ""));
    s.add(
        javaOnly(
            EVENT,
            "nesting deeper than 16",
            EVENT_HEAD + ",'value':1,'extra':" + "[".repeat(20) + "]".repeat(20) + "}",
            ""));
    // key
    s.add(bad(EVENT, "missing key", "{'timestamp':'2024-05-01T12:00:00Z','value':1}", "/key"));
    s.add(
        bad(
            EVENT,
            "null key",
            "{'key':null,'timestamp':'2024-05-01T12:00:00Z','value':1}",
            "/key"));
    s.add(
        bad(
            EVENT,
            "numeric key",
            "{'key':42,'timestamp':'2024-05-01T12:00:00Z','value':1}",
            "/key"));
    s.add(
        bad(
            EVENT,
            "blank key",
            "{'key':'   ','timestamp':'2024-05-01T12:00:00Z','value':1}",
            "/key"));
    s.add(
        bad(
            EVENT,
            "key of 257 characters",
            "{'key':'" + "k".repeat(257) + "','timestamp':'2024-05-01T12:00:00Z','value':1}",
            "/key"));
    s.add(
        bad(
            EVENT,
            "key of 257 emoji",
            "{'key':'"
                + "\uD83D\uDE00".repeat(257)
                + "','timestamp':'2024-05-01T12:00:00Z','value':1}",
            "/key"));
    // timestamp
    s.add(bad(EVENT, "missing timestamp", "{'key':'a','value':1}", "/timestamp"));
    s.add(
        bad(
            EVENT,
            "bad date string",
            "{'key':'a','timestamp':'yesterday','value':1}",
            "/timestamp"));
    s.add(
        bad(
            EVENT,
            "date-time without seconds",
            "{'key':'a','timestamp':'2024-05-01T12:00Z','value':1}",
            "/timestamp"));
    s.add(
        bad(
            EVENT,
            "date-time without offset",
            "{'key':'a','timestamp':'2024-05-01T12:00:00','value':1}",
            "/timestamp"));
    s.add(
        bad(
            EVENT,
            "impossible date",
            "{'key':'a','timestamp':'2024-02-30T12:00:00Z','value':1}",
            "/timestamp"));
    s.add(
        bad(
            EVENT,
            "hour 24 (ISO 8601's end of day, not RFC 3339)",
            "{'key':'a','timestamp':'2024-04-30T24:00:00Z','value':1}",
            "/timestamp"));
    s.add(
        bad(
            EVENT,
            "ten fraction digits",
            "{'key':'a','timestamp':'2024-05-01T12:00:00.1234567891Z','value':1}",
            "/timestamp"));
    s.add(bad(EVENT, "negative epoch", "{'key':'a','timestamp':-1,'value':1}", "/timestamp"));
    s.add(
        bad(
            EVENT,
            "fractional epoch",
            "{'key':'a','timestamp':1714564800000.5,'value':1}",
            "/timestamp"));
    s.add(bad(EVENT, "boolean timestamp", "{'key':'a','timestamp':true,'value':1}", "/timestamp"));
    s.add(
        javaOnly(
            EVENT,
            "far-future timestamp",
            "{'key':'a','timestamp':'2024-05-01T14:00:00Z','value':1}",
            "/timestamp"));
    s.add(
        javaOnly(
            EVENT,
            "far-future epoch beyond long",
            "{'key':'a','timestamp':100000000000000000000000,'value':1}",
            "/timestamp"));
    s.add(
        javaOnly(
            EVENT,
            "timestamp older than ten years",
            "{'key':'a','timestamp':'2001-01-01T00:00:00Z','value':1}",
            "/timestamp"));
    // value / values
    s.add(bad(EVENT, "neither value nor values", EVENT_HEAD + "}", ""));
    s.add(bad(EVENT, "null value and no values", EVENT_HEAD + ",'value':null}", ""));
    s.add(bad(EVENT, "both value and values", EVENT_HEAD + ",'value':1,'values':{'a':1}}", ""));
    s.add(bad(EVENT, "string number", EVENT_HEAD + ",'value':'1.5'}", "/value"));
    s.add(bad(EVENT, "NaN as a string", EVENT_HEAD + ",'value':'NaN'}", "/value"));
    s.add(bad(EVENT, "NaN token", EVENT_HEAD + ",'value':NaN}", "/value"));
    s.add(bad(EVENT, "Infinity token", EVENT_HEAD + ",'value':-Infinity}", "/value"));
    s.add(javaOnly(EVENT, "1e400 overflows a double", EVENT_HEAD + ",'value':1e400}", "/value"));
    s.add(
        javaOnly(
            EVENT, "feature of -1e400", EVENT_HEAD + ",'values':{'cpu':-1e400}}", "/values/cpu"));
    s.add(bad(EVENT, "boolean value", EVENT_HEAD + ",'value':true}", "/value"));
    s.add(bad(EVENT, "nested object as value", EVENT_HEAD + ",'value':{'v':1}}", "/value"));
    s.add(bad(EVENT, "array as value", EVENT_HEAD + ",'value':[1,2]}", "/value"));
    s.add(bad(EVENT, "values as array", EVENT_HEAD + ",'values':[1,2]}", "/values"));
    s.add(bad(EVENT, "empty values", EVENT_HEAD + ",'values':{}}", "/values"));
    s.add(
        bad(
            EVENT,
            "string feature",
            EVENT_HEAD + ",'values':{'cpu':0.5,'mem':'high'}}",
            "/values/mem"));
    s.add(bad(EVENT, "empty feature name", EVENT_HEAD + ",'values':{'':1}}", "/values/"));
    s.add(
        bad(
            EVENT,
            "feature name with slash escaped in pointer",
            EVENT_HEAD + ",'values':{'a/b~c':null}}",
            "/values/a~1b~0c"));
    s.add(bad(EVENT, "65 values", EVENT_HEAD + ",'values':" + numbers(65) + "}", "/values"));
    // id, tags
    s.add(bad(EVENT, "empty id", EVENT_HEAD + ",'value':1,'id':''}", "/id"));
    s.add(bad(EVENT, "numeric id", EVENT_HEAD + ",'value':1,'id':7}", "/id"));
    s.add(bad(EVENT, "non-string tag", EVENT_HEAD + ",'value':1,'tags':{'env':1}}", "/tags/env"));
    s.add(bad(EVENT, "tags as array", EVENT_HEAD + ",'value':1,'tags':['a']}", "/tags"));
    s.add(bad(EVENT, "33 tags", EVENT_HEAD + ",'value':1,'tags':" + strings(33) + "}", "/tags"));
    s.add(
        bad(
            EVENT,
            "tag value of 257 characters",
            EVENT_HEAD + ",'value':1,'tags':{'t':'" + "v".repeat(257) + "'}}",
            "/tags/t"));
    return s;
  }

  private static final String ANOMALY_REST =
      "'key':'host-1/cpu','timestamp':'2024-05-01T12:00:00Z','detectedAt':'2024-05-01T12:00:01Z',"
          + "'score':0.9,'severity':'high','detector':'ewma','modelVersion':1";

  static List<Sample> anomaly() {
    String ok = "{'id':'a1'," + ANOMALY_REST;
    return List.of(
        bad(ANOMALY, "missing id", "{" + ANOMALY_REST + "}", "/id"),
        bad(
            ANOMALY,
            "missing detectedAt",
            ok.replace(",'detectedAt':'2024-05-01T12:00:01Z'", "") + "}",
            "/detectedAt"),
        bad(
            ANOMALY,
            "epoch timestamp",
            ok.replace("'2024-05-01T12:00:00Z'", "1714564800000") + "}",
            "/timestamp"),
        bad(ANOMALY, "score above 1", ok.replace("0.9", "1.5") + "}", "/score"),
        bad(ANOMALY, "score as string", ok.replace("0.9", "'0.9'") + "}", "/score"),
        javaOnly(ANOMALY, "score 1e400", ok.replace("0.9", "1e400") + "}", "/score"),
        bad(ANOMALY, "unknown severity", ok.replace("'high'", "'severe'") + "}", "/severity"),
        bad(ANOMALY, "upper-case severity", ok.replace("'high'", "'HIGH'") + "}", "/severity"),
        bad(
            ANOMALY,
            "detector name with spaces",
            ok.replace("'ewma'", "'my detector'") + "}",
            "/detector"),
        bad(
            ANOMALY,
            "negative model version",
            ok.replace("'modelVersion':1", "'modelVersion':-1") + "}",
            "/modelVersion"),
        bad(
            ANOMALY,
            "fractional model version",
            ok.replace("'modelVersion':1", "'modelVersion':1.5") + "}",
            "/modelVersion"),
        bad(ANOMALY, "non-numeric value", ok + ",'values':{'value':'x'}}", "/values/value"),
        bad(
            ANOMALY,
            "expected without upper",
            ok + ",'expected':{'value':{'value':1,'lower':0}}}",
            "/expected/value/upper"),
        bad(
            ANOMALY,
            "source with negative partition",
            ok + ",'source':{'topic':'events','partition':-1,'offset':0}}",
            "/source/partition"),
        bad(
            ANOMALY,
            "source without topic",
            ok + ",'source':{'partition':0,'offset':0}}",
            "/source/topic"),
        bad(ANOMALY, "non-string tag", ok + ",'tags':{'a':true}}", "/tags/a"),
        bad(ANOMALY, "blank explanation", ok + ",'explanation':' '}", "/explanation"),
        bad(ANOMALY, "explanation as number", ok + ",'explanation':1}", "/explanation"),
        bad(
            ANOMALY,
            "explanation over 4096 characters",
            ok + ",'explanation':'" + "x".repeat(4097) + "'}",
            "/explanation"),
        bad(
            ANOMALY,
            "detector with two members",
            ok.replace("'ewma'", "'adaptive/range/x'") + "}",
            "/detector"),
        bad(
            ANOMALY,
            "detector with an empty member",
            ok.replace("'ewma'", "'adaptive/'") + "}",
            "/detector"),
        bad(ANOMALY, "array document", "[]", ""));
  }

  static List<Sample> score() {
    String ok =
        "{'key':'host-1/cpu','timestamp':'2024-05-01T12:00:00Z','detectedAt':'2024-05-01T12:00:00Z',"
            + "'score':0.4,'rawScore':2.5,'detector':'ewma','anomalous':false";
    return List.of(
        bad(SCORE, "missing rawScore", ok.replace(",'rawScore':2.5", "") + "}", "/rawScore"),
        javaOnly(SCORE, "rawScore 1e400", ok.replace("2.5", "1e400") + "}", "/rawScore"),
        bad(SCORE, "negative score", ok.replace("0.4", "-0.1") + "}", "/score"),
        bad(SCORE, "anomalous as string", ok.replace("false", "'yes'") + "}", "/anomalous"),
        bad(
            SCORE,
            "bad detectedAt",
            ok.replace("'detectedAt':'2024-05-01T12:00:00Z'", "'detectedAt':'now'") + "}",
            "/detectedAt"),
        bad(SCORE, "missing detector", ok.replace(",'detector':'ewma'", "") + "}", "/detector"),
        bad(
            SCORE,
            "detector and member over 64 characters",
            ok.replace("'ewma'", "'a/" + "b".repeat(63) + "'") + "}",
            "/detector"),
        bad(
            SCORE,
            "source offset as string",
            ok + ",'source':{'topic':'events','partition':0,'offset':'7'}}",
            "/source/offset"));
  }

  static List<Sample> detectorConfig() {
    String ok =
        "{'pattern':'host-*/cpu','detector':'ewma','threshold':0.9,'warmup':10,'suppression':'PT5M','version':1";
    return List.of(
        bad(
            DETECTOR_CONFIG,
            "missing pattern",
            ok.replace("'pattern':'host-*/cpu',", "") + "}",
            "/pattern"),
        bad(DETECTOR_CONFIG, "blank pattern", ok.replace("host-*/cpu", " ") + "}", "/pattern"),
        bad(
            DETECTOR_CONFIG,
            "missing detector",
            ok.replace("'detector':'ewma',", "") + "}",
            "/detector"),
        bad(DETECTOR_CONFIG, "threshold 0", ok.replace("0.9", "0") + "}", "/threshold"),
        bad(DETECTOR_CONFIG, "threshold 1", ok.replace("0.9", "1") + "}", "/threshold"),
        bad(DETECTOR_CONFIG, "threshold as string", ok.replace("0.9", "'0.9'") + "}", "/threshold"),
        bad(
            DETECTOR_CONFIG,
            "negative warmup",
            ok.replace("'warmup':10", "'warmup':-1") + "}",
            "/warmup"),
        bad(
            DETECTOR_CONFIG,
            "fractional warmup",
            ok.replace("'warmup':10", "'warmup':2.5") + "}",
            "/warmup"),
        bad(DETECTOR_CONFIG, "suppression 5m", ok.replace("PT5M", "5m") + "}", "/suppression"),
        bad(
            DETECTOR_CONFIG,
            "suppression in weeks",
            ok.replace("PT5M", "P1W") + "}",
            "/suppression"),
        bad(DETECTOR_CONFIG, "empty duration", ok.replace("PT5M", "PT") + "}", "/suppression"),
        bad(
            DETECTOR_CONFIG,
            "negative duration",
            ok.replace("PT5M", "-PT5M") + "}",
            "/suppression"),
        bad(
            DETECTOR_CONFIG,
            "negative milliseconds",
            ok.replace("'PT5M'", "-1") + "}",
            "/suppression"),
        bad(
            DETECTOR_CONFIG,
            "boolean suppression",
            ok.replace("'PT5M'", "true") + "}",
            "/suppression"),
        javaOnly(
            DETECTOR_CONFIG,
            "suppression beyond Duration",
            ok.replace("PT5M", "PT99999999999999999999H") + "}",
            "/suppression"),
        bad(
            DETECTOR_CONFIG,
            "non-numeric parameter",
            ok + ",'parameters':{'alpha':'low'}}",
            "/parameters/alpha"),
        bad(
            DETECTOR_CONFIG,
            "severity without critical",
            ok + ",'severity':{'low':0.5,'medium':0.6,'high':0.7}}",
            "/severity/critical"),
        bad(
            DETECTOR_CONFIG,
            "severity band above 1",
            ok + ",'severity':{'low':0.5,'medium':0.6,'high':1.2,'critical':1}}",
            "/severity/high"),
        javaOnly(
            DETECTOR_CONFIG,
            "severity bands not increasing",
            ok + ",'severity':{'low':0.5,'medium':0.9,'high':0.85,'critical':0.99}}",
            "/severity/high"),
        bad(
            DETECTOR_CONFIG,
            "severity band 0",
            ok + ",'severity':{'medium':0,'high':0.9,'critical':0.99}}",
            "/severity/medium"),
        javaOnly(
            DETECTOR_CONFIG,
            "severity critical below high",
            ok + ",'severity':{'medium':0.9,'high':0.99,'critical':0.95}}",
            "/severity/critical"),
        bad(
            DETECTOR_CONFIG,
            "rules direction sideways",
            ok + ",'rules':{'direction':'sideways'}}",
            "/rules/direction"),
        bad(
            DETECTOR_CONFIG,
            "rules negative margin",
            ok + ",'rules':{'margin':{'absolute':-1}}}",
            "/rules/margin/absolute"),
        bad(DETECTOR_CONFIG, "rules empty margin", ok + ",'rules':{'margin':{}}}", "/rules/margin"),
        bad(DETECTOR_CONFIG, "rules empty range", ok + ",'rules':{'range':{}}}", "/rules/range"),
        javaOnly(
            DETECTOR_CONFIG,
            "rules range min above max",
            ok + ",'rules':{'range':{'min':5,'max':1}}}",
            "/rules/range/max"),
        bad(
            DETECTOR_CONFIG,
            "rules unknown out-of-range action",
            ok + ",'rules':{'outOfRange':'drop'}}",
            "/rules/outOfRange"),
        bad(
            DETECTOR_CONFIG,
            "rules unknown severity",
            ok + ",'rules':{'minSeverity':'urgent'}}",
            "/rules/minSeverity"),
        bad(
            DETECTOR_CONFIG,
            "rules feature margin as number",
            ok + ",'rules':{'features':{'cpu':{'margin':3}}}}",
            "/rules/features/cpu/margin"),
        bad(
            DETECTOR_CONFIG,
            "maintenance unknown action",
            ok + ",'maintenance':{'action':'ignore','windows':[]}}",
            "/maintenance/action"),
        bad(
            DETECTOR_CONFIG,
            "maintenance windows not an array",
            ok + ",'maintenance':{'windows':{}}}",
            "/maintenance/windows"),
        javaOnly(
            DETECTOR_CONFIG,
            "maintenance bad cron",
            ok + ",'maintenance':{'windows':[{'cron':'every tuesday','duration':'PT1H'}]}}",
            "/maintenance/windows/cron"),
        javaOnly(
            DETECTOR_CONFIG,
            "maintenance unknown zone",
            ok
                + ",'maintenance':{'windows':[{'cron':'0 10 * * 2','duration':'PT1H',"
                + "'zone':'Mars/Olympus'}]}}",
            "/maintenance/windows/zone"),
        javaOnly(
            DETECTOR_CONFIG,
            "maintenance window ending before it starts",
            ok
                + ",'maintenance':{'windows':[{'from':'2026-01-02T00:00:00Z',"
                + "'to':'2026-01-01T00:00:00Z'}]}}",
            "/maintenance/windows/to"),
        bad(
            DETECTOR_CONFIG,
            "maintenance unknown action",
            ok + ",'maintenance':{'action':'ignore','windows':[]}}",
            "/maintenance/action"),
        bad(
            DETECTOR_CONFIG,
            "maintenance windows not an array",
            ok + ",'maintenance':{'windows':{}}}",
            "/maintenance/windows"),
        javaOnly(
            DETECTOR_CONFIG,
            "maintenance bad cron",
            ok + ",'maintenance':{'windows':[{'cron':'every tuesday','duration':'PT1H'}]}}",
            "/maintenance/windows/cron"),
        javaOnly(
            DETECTOR_CONFIG,
            "maintenance unknown zone",
            ok
                + ",'maintenance':{'windows':[{'cron':'0 10 * * 2','duration':'PT1H',"
                + "'zone':'Mars/Olympus'}]}}",
            "/maintenance/windows/zone"),
        javaOnly(
            DETECTOR_CONFIG,
            "maintenance window ending before it starts",
            ok
                + ",'maintenance':{'windows':[{'from':'2026-01-02T00:00:00Z',"
                + "'to':'2026-01-01T00:00:00Z'}]}}",
            "/maintenance/windows/to"),
        bad(DETECTOR_CONFIG, "silence after 1", ok + ",'silence':{'after':1}}", "/silence/after"),
        bad(
            DETECTOR_CONFIG,
            "silence without after",
            ok + ",'silence':{'minEvents':5}}",
            "/silence/after"),
        bad(
            DETECTOR_CONFIG,
            "silence minEvents 1",
            ok + ",'silence':{'after':3,'minEvents':1}}",
            "/silence/minEvents"),
        bad(
            DETECTOR_CONFIG,
            "negative version",
            ok.replace("'version':1", "'version':-1") + "}",
            "/version"),
        bad(DETECTOR_CONFIG, "missing version", ok.replace(",'version':1", "") + "}", "/version"));
  }

  static List<Sample> feedback() {
    String ok =
        "{'anomalyId':'a1','key':'host-1/cpu','label':'confirmed','by':'alice','at':'2024-05-01T12:00:00Z'";
    return List.of(
        bad(FEEDBACK, "upper-case label", ok.replace("'confirmed'", "'CONFIRMED'") + "}", "/label"),
        bad(FEEDBACK, "unknown label", ok.replace("'confirmed'", "'maybe'") + "}", "/label"),
        bad(FEEDBACK, "missing by", ok.replace(",'by':'alice'", "") + "}", "/by"),
        bad(FEEDBACK, "blank anomaly id", ok.replace("'a1'", "' '") + "}", "/anomalyId"),
        bad(
            FEEDBACK,
            "epoch at",
            ok.replace("'2024-05-01T12:00:00Z'", "1714564800000") + "}",
            "/at"),
        bad(FEEDBACK, "numeric comment", ok + ",'comment':5}", "/comment"),
        bad(
            FEEDBACK,
            "comment of 1025 characters",
            ok + ",'comment':'" + "c".repeat(1025) + "'}",
            "/comment"));
  }

  private static Sample bad(MessageSchema schema, String name, String document, String field) {
    return new Sample(schema, name, json(document), field, false);
  }

  private static Sample javaOnly(MessageSchema schema, String name, String document, String field) {
    return new Sample(schema, name, json(document), field, true);
  }

  private static String numbers(int count) {
    return IntStream.range(0, count)
        .mapToObj(i -> "'f" + i + "':" + i)
        .collect(Collectors.joining(",", "{", "}"));
  }

  private static String strings(int count) {
    return IntStream.range(0, count)
        .mapToObj(i -> "'t" + i + "':'v'")
        .collect(Collectors.joining(",", "{", "}"));
  }
}
