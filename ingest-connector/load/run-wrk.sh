#!/usr/bin/env bash
# Load figure of the ingest API (see LoadServer.java): batches of 500 events over loopback.
set -euo pipefail
cd "$(dirname "$0")"
exec wrk -t2 -c16 -d30s --latency -s post.lua http://127.0.0.1:8090/v1/events
