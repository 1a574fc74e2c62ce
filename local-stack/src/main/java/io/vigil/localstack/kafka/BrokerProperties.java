package io.vigil.localstack.kafka;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Broker configuration of the embedded single-node KRaft cluster (LOCAL-STACK-FACTS §1): every
 * setting below was checked there; dropping the replication ones breaks consumer groups or
 * transactions on one broker.
 *
 * <p>With {@code security}, the client listener is SASL_SSL instead of PLAINTEXT; the controller
 * listener stays PLAINTEXT on 127.0.0.1 (only this process talks to it).
 */
record BrokerProperties(
    int port,
    int controllerPort,
    int numPartitions,
    Path logDir,
    Optional<BrokerSecurity> security) {

  static final int NODE_ID = 1;
  static final String CONTROLLER_LISTENER = "CONTROLLER";
  static final String HOST = "127.0.0.1";

  String bootstrapServers() {
    return HOST + ":" + port;
  }

  Map<String, String> asMap() {
    Map<String, String> props = new LinkedHashMap<>();
    // KRaft combined mode: one process is broker and controller, static quorum of one voter.
    props.put("process.roles", "broker,controller");
    props.put("node.id", Integer.toString(NODE_ID));
    props.put("controller.quorum.voters", NODE_ID + "@" + HOST + ":" + controllerPort);
    String listener = security.isPresent() ? BrokerSecurity.LISTENER : "PLAINTEXT";
    props.put(
        "listeners",
        listener
            + "://"
            + HOST
            + ":"
            + port
            + ","
            + CONTROLLER_LISTENER
            + "://"
            + HOST
            + ":"
            + controllerPort);
    props.put("advertised.listeners", listener + "://" + bootstrapServers());
    props.put("controller.listener.names", CONTROLLER_LISTENER);
    props.put("inter.broker.listener.name", listener);
    props.put(
        "listener.security.protocol.map",
        listener + ":" + listener + "," + CONTROLLER_LISTENER + ":PLAINTEXT");
    security.ifPresent(s -> s.addTo(props));
    props.put("log.dirs", logDir.toString());

    // Exactly-once on a single broker: internal topics cannot have the default 3 replicas.
    props.put("offsets.topic.replication.factor", "1");
    props.put("transaction.state.log.replication.factor", "1");
    props.put("transaction.state.log.min.isr", "1");
    props.put("share.coordinator.state.topic.replication.factor", "1");
    props.put("share.coordinator.state.topic.min.isr", "1");
    // A transaction left open by a SIGKILLed producer is aborted at the first check after its
    // timeout: every second, as README (Reliability) tells operators to set, instead of every 10 s
    // (StandbyFailOverIT: read_committed readers wait for that abort).
    props.put("transaction.abort.timed.out.transaction.cleanup.interval.ms", "1000");

    // Start-up speed and memory: no 3 s rebalance delay, one partition per internal topic, and a
    // 2 MB instead of 128 MB cleaner buffer (heap after GC 167 -> 40 MB).
    props.put("group.initial.rebalance.delay.ms", "0");
    props.put("offsets.topic.num.partitions", "1");
    props.put("transaction.state.log.num.partitions", "1");
    props.put("log.cleaner.dedupe.buffer.size", "2097152");

    // Vigil's services create their topics explicitly; a typo must fail, not create a topic.
    props.put("auto.create.topics.enable", "false");
    props.put("num.partitions", Integer.toString(numPartitions));
    return props;
  }
}
