// Ingest API load-test server: an embedded broker (local-stack) plus the ingest API with one known
// key and no practical rate limit. Run from the repository root after `./vigil --help` (which
// builds launcher/target/vigil.jar):
//   java -cp 'launcher/target/vigil.jar:launcher/target/lib/*' ingest-connector/load/LoadServer.java
// then, in another shell: ingest-connector/load/run-wrk.sh
import io.vigil.runtime.http.ApiKeys;
import io.vigil.ingest.http.IngestApplication;
import io.vigil.ingest.http.IngestServiceConfig;
import io.vigil.localstack.LocalStack;
import io.vigil.runtime.config.Settings;
import java.time.Clock;
import java.util.Map;

public class LoadServer {
  public static void main(String[] args) throws Exception {
    LocalStack stack = LocalStack.start();
    IngestServiceConfig config =
        IngestServiceConfig.from(
            Settings.of(
                Map.of(
                    "kafka.bootstrap.servers", stack.kafkaBootstrapServers(),
                    "vigil.http.host", "127.0.0.1",
                    "vigil.http.port", "8090",
                    "vigil.ingest.api.keys", "load:" + ApiKeys.hash("load-test-key"),
                    "vigil.ingest.rate.limit.requests", "1000000")));
    IngestApplication app = IngestApplication.start(config, Clock.systemUTC());
    System.out.println("ingest API on http://127.0.0.1:" + app.port() + "/v1/events");
    Thread.currentThread().join();
  }
}
