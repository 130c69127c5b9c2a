#!/usr/bin/env bash
# Runs the built lwm2m-client against any LwM2M server, for manual interop
# checks: interop/run-against-server.sh URI [lwm2m-client flags...]
#   e.g. interop/run-against-server.sh coap://192.0.2.10:5683 -e my-device -l 60
#        interop/run-against-server.sh coaps://192.0.2.10:5684 -i my-id -k 00112233
# The client program is $LWM2M_CLIENT if set, else the newest build/*/apps/
# lwm2m-client/lwm2m-client of this checkout. Ctrl-C stops it; the client
# de-registers first (bounded wait) and exits 0.
set -euo pipefail

if [ $# -lt 1 ] || [ "$1" = "-h" ] || [ "$1" = "--help" ]; then
  echo "usage: $0 URI [lwm2m-client flags...]" >&2
  echo "  URI: coap://, coaps://, coap+tcp:// or coaps+tcp:// address of the LwM2M server" >&2
  exit 2
fi
uri=$1
shift

repo=$(cd "$(dirname "$0")/.." && pwd)
client=${LWM2M_CLIENT:-}
if [ -z "$client" ]; then
  client=$(ls -t "$repo"/build/*/apps/lwm2m-client/lwm2m-client 2>/dev/null | head -n 1 || true)
fi
if [ -z "$client" ] || [ ! -x "$client" ]; then
  echo "no lwm2m-client found: build it (cmake --build BUILD_DIR --target lwm2m-client)" >&2
  echo "or point LWM2M_CLIENT at the program" >&2
  exit 1
fi

# The endpoint name the server will list: -e/--endpoint if given, else the host name.
endpoint=$(hostname)
previous=""
for argument in "$@"; do
  case "$previous" in -e|--endpoint) endpoint=$argument ;; esac
  case "$argument" in --endpoint=*) endpoint=${argument#--endpoint=} ;; esac
  previous=$argument
done

cat <<EOF
lwm2m-client: $client
server:       $uri
endpoint:     $endpoint

What to look for on the server side:
  - a registration of endpoint "$endpoint" (LwM2M 1.2, falls back to 1.1/1.0 if refused),
    binding U, objects /1/0 (Server), /3/0 (Device), /3303/0 (temperature),
    /3304/0 (humidity), /3315/0 (pressure); the Security object /0 is never listed;
  - Read /3/0: manufacturer, model and firmware version of this host;
  - Write /1/0/1 (lifetime): the client sends an Update with the new lt;
  - Execute /1/0/8: the client sends an Update at once;
  - Observe /3303/0/5700: notifications as the simulated temperature drifts
    (set pmax with Write-Attributes for regular ones);
  - Ctrl-C here: the client de-registers and the endpoint disappears.
With -v the client logs one line per CoAP exchange on stderr.

EOF

# exec: the client gets Ctrl-C (SIGINT) directly and de-registers before exiting.
exec "$client" -u "$uri" -v "$@"
