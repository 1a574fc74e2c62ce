#!/usr/bin/env bash
# Checks every monitoring config with the real tools; run by `./mvnw verify` (exec-maven-plugin in
# the integration-test phase) and runnable by hand: monitoring/src/test/check.sh
#
# promtool/amtool/prometheus-alertmanager (and the exporters MonitoringStackIT runs) come from PATH,
# or are unpacked (not installed) from their Debian packages into monitoring/target/tools.
# Grafana Loki and Promtail have no Debian package: their configs are checked only when a
# `loki`/`promtail` binary of Grafana is on PATH (or LOKI_BIN/PROMTAIL_BIN), and the run says so.
set -euo pipefail
MODULE="$(cd "$(dirname "$0")/../.." && pwd)"
TOOLS="$MODULE/target/tools"
WORK="$MODULE/target/check"
rm -rf "$WORK" && mkdir -p "$WORK"
cd "$MODULE"

fail() { echo "FAILED: $*" >&2; exit 1; }
step() { echo; echo "== $*"; }

# tool <binary> <debian-package>: prints the path of the binary, unpacking the package if needed.
tool() {
  local bin="$1" pkg="$2"
  if command -v "$bin" >/dev/null 2>&1; then command -v "$bin"; return; fi
  if [ ! -x "$TOOLS/usr/bin/$bin" ]; then
    mkdir -p "$TOOLS"
    ( cd "$TOOLS" && apt-get download "$pkg" >&2 && dpkg-deb -x "$pkg"_*.deb "$TOOLS" ) \
      || fail "$bin not on PATH and 'apt-get download $pkg' failed: install the Debian package $pkg (apt-get install -y --no-install-recommends $pkg)"
  fi
  echo "$TOOLS/usr/bin/$bin"
}

PROMTOOL="$(tool promtool prometheus)"
AMTOOL="$(tool amtool prometheus-alertmanager)"
ALERTMANAGER="$(tool prometheus-alertmanager prometheus-alertmanager)"
# Not used here: unpacked for launcher's MonitoringStackIT, which scrapes them live.
for exporter in node postgres redis blackbox; do
  tool "prometheus-$exporter-exporter" "prometheus-$exporter-exporter" >/dev/null
done

step "promtool check config"
"$PROMTOOL" check config prometheus/prometheus.yml

step "promtool check config (with the remote-write block as the entrypoint renders it)"
cp -r prometheus "$WORK/prometheus"
sed -e 's#${VIGIL_REMOTE_WRITE_URL}#https://metrics.example.org/api/v1/write#' \
  -e 's#${VIGIL_REMOTE_WRITE_USER}#vigil#' -e 's#/run/secrets/remote_write_password#'"$WORK"'/rw-password#' \
  prometheus/remote-write.yml >> "$WORK/prometheus/prometheus.yml"
echo secret > "$WORK/rw-password"
"$PROMTOOL" check config "$WORK/prometheus/prometheus.yml"

step "promtool check rules"
"$PROMTOOL" check rules prometheus/rules/*.yml

step "promtool test rules"
"$PROMTOOL" test rules prometheus/tests/*.yml

step "every alert has a test case and a runbook in the root README"
for alert in $(sed -n 's/^ *- alert: //p' prometheus/rules/alerts.yml); do
  grep -q "alertname: $alert\$" prometheus/tests/alerts_test.yml || fail "no promtool test for $alert"
  grep -q "^#### $alert\$" ../README.md || fail "no runbook heading '#### $alert' in README.md"
done
echo "ok"

step "amtool check-config"
"$AMTOOL" check-config alertmanager/alertmanager.yml

step "amtool config routes test"
route() { # route <expected receiver> <labels...>
  local expected="$1"; shift
  "$AMTOOL" config routes test --config.file=alertmanager/alertmanager.yml \
    --verify.receivers="$expected" "$@" || fail "labels $* should route to $expected"
}
route critical-pager severity=critical alertname=VigilServiceDown service=stream-processor
route critical-pager severity=critical alertname=VigilFreshnessSloFastBurn service=results-sink
route warning-chat severity=warning alertname=VigilConsumerLagHigh service=kafka
route warning-chat severity=warning alertname=VigilHighCpuUsage service=node
route default-webhook severity=info alertname=Watchdog

step "alertmanager inhibition (real prometheus-alertmanager on a free local port)"
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
"$ALERTMANAGER" --config.file=alertmanager/alertmanager.yml --storage.path="$WORK/am-data" \
  --web.listen-address="127.0.0.1:$port" --cluster.listen-address= >"$WORK/alertmanager.log" 2>&1 &
am_pid=$!
trap 'kill "$am_pid" 2>/dev/null || true' EXIT
url="http://127.0.0.1:$port"
for _ in $(seq 1 100); do curl -fs "$url/-/ready" >/dev/null 2>&1 && break; sleep 0.2; done
curl -fs "$url/-/ready" >/dev/null || { cat "$WORK/alertmanager.log"; fail "alertmanager did not start"; }
curl -fsS -H 'Content-Type: application/json' "$url/api/v2/alerts" -d '[
  {"labels": {"alertname": "VigilConsumerLagHigh", "service": "results-sink", "severity": "critical"}},
  {"labels": {"alertname": "VigilConsumerLagHigh", "service": "results-sink", "severity": "warning"}},
  {"labels": {"alertname": "VigilConsumerLagHigh", "service": "stream-processor", "severity": "warning"}},
  {"labels": {"alertname": "VigilServiceDown", "service": "ingest-connector", "severity": "critical"}},
  {"labels": {"alertname": "VigilIngestHighLatency", "service": "ingest-connector", "severity": "warning"}}]'
state() { # state <alertname> <service> <severity>
  curl -fsS "$url/api/v2/alerts" | jq -r --arg a "$1" --arg s "$2" --arg v "$3" \
    '.[] | select(.labels.alertname == $a and .labels.service == $s and .labels.severity == $v) | .status.state'
}
expect_state() { # expect_state <state> <alertname> <service> <severity>
  local got=""
  for _ in $(seq 1 50); do got="$(state "$2" "$3" "$4")"; [ "$got" = "$1" ] && break; sleep 0.2; done
  [ "$got" = "$1" ] || fail "$2/$3/$4: expected $1, got '$got'"
  echo "$2 $3 $4: $got"
}
expect_state suppressed VigilConsumerLagHigh results-sink warning
expect_state active VigilConsumerLagHigh stream-processor warning
expect_state active VigilConsumerLagHigh results-sink critical
expect_state suppressed VigilIngestHighLatency ingest-connector warning

step "Grafana dashboards: JSON, known datasources, every PromQL query parsed by promtool"
uids="$(sed -n 's/^ *uid: //p' grafana/provisioning/datasources/datasources.yml | sort -u)"
{
  echo "groups:"
  echo "  - name: dashboard-queries"
  echo "    rules:"
  for dashboard in grafana/dashboards/*.json; do
    jq -e '.uid and .title and (.panels | length > 0)' "$dashboard" >/dev/null || fail "$dashboard is not a dashboard"
    for uid in $(jq -r '.. | objects | select(has("datasource")) | .datasource.uid? // empty' "$dashboard" | sort -u); do
      grep -qx "$uid" <<<"$uids" || fail "$dashboard uses datasource uid $uid, not provisioned"
    done
    name="$(basename "$dashboard" .json | tr - _)" n=0
    # Template variables become a match-all regex so the query parses as plain PromQL.
    jq -r '.. | objects | select(has("expr")) | .expr' "$dashboard" | sed 's/\$[a-z_]*/.*/g' |
      while IFS= read -r expr; do
        n=$((n + 1))
        printf '      - record: dashboard:%s_%s\n        expr: %s\n' "$name" "$n" "$(jq -Rn --arg e "$expr" '$e')"
      done
  done
} > "$WORK/dashboard-queries.yml"
"$PROMTOOL" check rules --lint-fatal "$WORK/dashboard-queries.yml"
duplicate="$(jq -r .uid grafana/dashboards/*.json | sort | uniq -d)"
[ -z "$duplicate" ] || fail "dashboard uid used twice: $duplicate"
for dashboard in grafana/dashboards/*.json; do
  duplicate="$(jq -r '[.. | objects | select(has("gridPos")) | .id] | map(tostring) | sort | .[]' "$dashboard" | uniq -d)"
  [ -z "$duplicate" ] || fail "$dashboard: panel id used twice: $duplicate"
done
echo "dashboard uids and panel ids unique"

step "Loki / Promtail"
grafana_tool() { # grafana_tool <name> <override>: Grafana's binary only (Debian's `loki` is another program)
  local bin="${2:-$(command -v "$1" || true)}"
  [ -n "$bin" ] && "$bin" -version 2>&1 | grep -q "^$1, version" && echo "$bin" || true
}
LOKI="$(grafana_tool loki "${LOKI_BIN:-}")"
PROMTAIL="$(grafana_tool promtail "${PROMTAIL_BIN:-}")"
if [ -n "$LOKI" ]; then "$LOKI" -config.file=loki/loki.yml -verify-config; else echo "NOT CHECKED: Grafana loki binary not available (no Debian package)"; fi
if [ -n "$PROMTAIL" ]; then "$PROMTAIL" -config.file=promtail/promtail.yml -check-syntax; else echo "NOT CHECKED: Grafana promtail binary not available (no Debian package)"; fi

echo; echo "monitoring checks passed"
