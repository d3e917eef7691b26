#!/usr/bin/env bash
# Runs the browser journeys: a fresh demo database, a server of its own on a free port, then
# every tests/e2e/*.mjs in Debian's headless Chromium. Usage: run.sh PATH/TO/linkway
set -euo pipefail
linkway=$1
root=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
server_pid=
cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT

if [ ! -x /usr/bin/chromium ]; then
  echo "e2e: /usr/bin/chromium is missing; run 'make test' so that setup installs it" >&2
  exit 1
fi

port=$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
"$linkway" seed --demo --db "$work/e2e.db" >"$work/seed.log"
# The GP system's integration token, for the prefilled-draft journey.
GP_SYSTEM_TOKEN=$("$linkway" token create --db "$work/e2e.db" --username referrer)
export GP_SYSTEM_TOKEN
"$linkway" serve --db "$work/e2e.db" --listen "127.0.0.1:$port" >"$work/serve.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 100); do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then break; fi
  sleep 0.1
done

export LINKWAY_URL="http://127.0.0.1:$port"
export REFERRER_USER=referrer LINK_WORKER_USER=linkworker E2E_PASSWORD=linkway-demo-2026
cd "$root"
status=0
for journey in tests/e2e/*.mjs; do
  echo "e2e: $journey"
  node "$journey" || status=1
done
if [ $status -ne 0 ]; then
  echo "e2e: server log:" >&2
  tail -n 50 "$work/serve.log" >&2
fi
exit $status
