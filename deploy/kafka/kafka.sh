#!/usr/bin/env bash
# A single Apache Kafka node (KRaft: broker and controller in one process) for local runs and CI,
# from the Apache Kafka jars on Maven Central: no Docker, no download outside the registry.
#
#   deploy/kafka/kafka.sh start    fetch the jars (once), format the storage (once), start, wait until ready
#   deploy/kafka/kafka.sh stop     stop the node started here
#   deploy/kafka/kafka.sh status   exit 0 when it answers
#   deploy/kafka/kafka.sh tool CLASS ARGS...   run one of Kafka's tools with the same jars, e.g.
#     deploy/kafka/kafka.sh tool org.apache.kafka.tools.consumer.group.ConsumerGroupCommand \
#       --bootstrap-server 127.0.0.1:9092 --describe --group flowlens-metrics
#
# Idempotent: `start` on a running node only checks it. Environment:
#   FLOWLENS_KAFKA_PORT        client port (9092); the controller listens on the next one (9093)
#   FLOWLENS_KAFKA_HOST        address it listens on and advertises (127.0.0.1)
#   FLOWLENS_KAFKA_DIR         data, jars, log and pid (.flowlens/kafka of the checkout)
#   FLOWLENS_KAFKA_HEAP        broker heap (-Xmx512m)
#   FLOWLENS_KAFKA_PARTITIONS  partitions of a topic created on first use (6)
#   FLOWLENS_KAFKA_RETENTION_HOURS  log retention of topics without their own (168, seven days)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)

PORT=${FLOWLENS_KAFKA_PORT:-9092}
CONTROLLER_PORT=$((PORT + 1))
HOST=${FLOWLENS_KAFKA_HOST:-127.0.0.1}
DIR=${FLOWLENS_KAFKA_DIR:-$root/.flowlens/kafka}
HEAP=${FLOWLENS_KAFKA_HEAP:--Xmx512m}
PARTITIONS=${FLOWLENS_KAFKA_PARTITIONS:-6}
RETENTION_HOURS=${FLOWLENS_KAFKA_RETENTION_HOURS:-168}
LIB=$DIR/lib
DATA=$DIR/data-$PORT
PIDFILE=$DIR/kafka-$PORT.pid
LOGFILE=$DIR/kafka-$PORT.log

log() { printf '[kafka] %s\n' "$*"; }

ready() {
  # The broker answers an API-versions request once it serves clients (not merely listens).
  [ -d "$LIB" ] || return 1
  java -cp "$LIB/*" -Dlog4j2.configurationFile="$DIR/log4j2-tools.xml" \
    org.apache.kafka.tools.BrokerApiVersionsCommand --bootstrap-server "$HOST:$PORT" >/dev/null 2>&1
}

running_pid() {
  [ -f "$PIDFILE" ] || return 1
  local pid; pid=$(cat "$PIDFILE")
  kill -0 "$pid" 2>/dev/null && echo "$pid"
}

fetch() {
  if [ -f "$LIB/.complete" ] && cmp -s "$here/pom.xml" "$LIB/.complete"; then
    return
  fi
  log "fetching the Apache Kafka jars from Maven Central into $LIB"
  rm -rf "$LIB"
  mkdir -p "$LIB"
  "$root/mvnw" -B -ntp -q -f "$here/pom.xml" dependency:copy-dependencies \
    -DoutputDirectory="$LIB" -DincludeScope=runtime
  cp "$here/pom.xml" "$LIB/.complete"
}

write_config() {
  mkdir -p "$DIR"
  cat >"$DIR/log4j2.xml" <<XML
<Configuration status="warn">
  <Appenders><Console name="out" target="SYSTEM_OUT"><PatternLayout pattern="[%d] %p %m (%c)%n"/></Console></Appenders>
  <Loggers>
    <Logger name="kafka" level="warn"/>
    <Logger name="org.apache.kafka" level="warn"/>
    <Logger name="kafka.server.KafkaRaftServer" level="info"/>
    <Root level="info"><AppenderRef ref="out"/></Root>
  </Loggers>
</Configuration>
XML
  cat >"$DIR/log4j2-tools.xml" <<XML
<Configuration status="error">
  <Appenders><Console name="err" target="SYSTEM_ERR"><PatternLayout pattern="%p %m%n"/></Console></Appenders>
  <Loggers><Root level="error"><AppenderRef ref="err"/></Root></Loggers>
</Configuration>
XML
  cat >"$DIR/server-$PORT.properties" <<PROPS
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@$HOST:$CONTROLLER_PORT
listeners=PLAINTEXT://$HOST:$PORT,CONTROLLER://$HOST:$CONTROLLER_PORT
advertised.listeners=PLAINTEXT://$HOST:$PORT
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
log.dirs=$DATA
num.partitions=$PARTITIONS
auto.create.topics.enable=true
default.replication.factor=1
offsets.topic.replication.factor=1
offsets.topic.num.partitions=6
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
log.retention.hours=$RETENTION_HOURS
message.max.bytes=10485760
PROPS
}

start() {
  if pid=$(running_pid); then
    if ready; then log "already running (pid $pid) at $HOST:$PORT"; return; fi
  fi
  command -v java >/dev/null || { echo "[kafka] java is needed" >&2; exit 1; }
  fetch
  write_config
  if [ ! -f "$DATA/meta.properties" ]; then
    log "formatting KRaft storage in $DATA"
    java -cp "$LIB/*" -Dlog4j2.configurationFile="$DIR/log4j2-tools.xml" kafka.tools.StorageTool format \
      --config "$DIR/server-$PORT.properties" --cluster-id "flowlens-local-$PORT" --ignore-formatted >/dev/null
  fi
  log "starting on $HOST:$PORT (log $LOGFILE)"
  # setsid: the node outlives the shell that started it (a test run, a terminal).
  setsid java $HEAP -Xms128m -XX:+UseSerialGC -cp "$LIB/*" -Dlog4j2.configurationFile="$DIR/log4j2.xml" \
    kafka.Kafka "$DIR/server-$PORT.properties" >"$LOGFILE" 2>&1 < /dev/null &
  echo $! >"$PIDFILE"
  for _ in $(seq 1 120); do
    if ready; then log "ready at $HOST:$PORT"; return; fi
    if ! kill -0 "$(cat "$PIDFILE")" 2>/dev/null; then
      echo "[kafka] the node stopped while starting; its log:" >&2; tail -n 40 "$LOGFILE" >&2; exit 1
    fi
    sleep 1
  done
  echo "[kafka] not ready after 120 s; its log:" >&2; tail -n 40 "$LOGFILE" >&2; exit 1
}

stop() {
  if pid=$(running_pid); then
    log "stopping (pid $pid)"
    kill "$pid"
    for _ in $(seq 1 30); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
    kill -0 "$pid" 2>/dev/null && kill -9 "$pid"
  fi
  rm -f "$PIDFILE"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) ready && log "ready at $HOST:$PORT" || { log "not answering at $HOST:$PORT"; exit 1; } ;;
  tool) shift; fetch; write_config; cls=$1; shift
        exec java -cp "$LIB/*" -Dlog4j2.configurationFile="$DIR/log4j2-tools.xml" "$cls" "$@" ;;
  *) echo "usage: $0 start|stop|status|tool CLASS ARGS..." >&2; exit 2 ;;
esac
