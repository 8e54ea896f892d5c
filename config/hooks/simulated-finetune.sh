#!/bin/sh
# Fine-tune hook for the Assay SIMULATED model (no training happens).
#
#   simulated-finetune.sh {dataset} {round} {base_model}
#
# Registers a simulated model "<base>-ft-r<round>" (a previous "-ft-rN" suffix of base_model is
# dropped) whose skill the simulator derives from the SFT chat JSONL at {dataset}, by POSTing to
# $ASSAY_SIMULATOR_URL/v1/simulator/finetune (default http://127.0.0.1:8000). Prints the
# simulator's JSON answer ({"model": ..., "simulated": true, ...}) on stdout; on failure prints a
# message on stderr and exits non-zero (2 bad arguments, 3 simulator unreachable or refused).
# ASSAY_FINETUNE_NAME overrides the model name. Same name + same dataset = same model, so a
# re-run (or a re-run after a simulator restart) is safe.
set -u

if [ "$#" -ne 3 ] || [ -z "$1" ] || [ -z "$3" ]; then
  echo "usage: simulated-finetune.sh DATASET ROUND BASE_MODEL" >&2
  exit 2
fi
dataset=$1
round=$2
base=$3
case "$round" in
  ''|*[!0-9]*) echo "simulated-finetune: round must be a number, got '$round'" >&2; exit 2 ;;
esac
if [ ! -r "$dataset" ]; then
  echo "simulated-finetune: dataset '$dataset' is not a readable file" >&2
  exit 2
fi
dataset=$(cd "$(dirname "$dataset")" && printf '%s/%s' "$(pwd -P)" "$(basename "$dataset")")
url=${ASSAY_SIMULATOR_URL:-http://127.0.0.1:8000}
url=${url%/}
name=${ASSAY_FINETUNE_NAME:-$(printf '%s' "$base" | sed -E 's/-ft-r[0-9]+$//')-ft-r$round}

esc() { printf '%s' "$1" | sed -e 's/\\/\\\\/g' -e 's/"/\\"/g'; }
body=$(printf '{"name": "%s", "base_model": "%s", "dataset": "%s"}' "$(esc "$name")" "$(esc "$base")" "$(esc "$dataset")")

if command -v curl >/dev/null 2>&1; then
  out=$(curl -sS -m 120 -H 'Content-Type: application/json' -d "$body" -w '\n%{http_code}' \
    "$url/v1/simulator/finetune") || { echo "simulated-finetune: cannot reach $url" >&2; exit 3; }
  code=$(printf '%s\n' "$out" | tail -n 1)
  reply=$(printf '%s\n' "$out" | sed '$d')
else
  reply=$(/usr/bin/python3 - "$url/v1/simulator/finetune" "$body" <<'PY'
import sys, urllib.request, urllib.error
req = urllib.request.Request(sys.argv[1], data=sys.argv[2].encode(), headers={"Content-Type": "application/json"})
try:
    with urllib.request.urlopen(req, timeout=120) as r:
        print(r.read().decode())
except urllib.error.HTTPError as e:
    print(e.read().decode())
    sys.exit(4)
except Exception as e:
    print(e, file=sys.stderr)
    sys.exit(3)
PY
  )
  rc=$?
  [ "$rc" -eq 3 ] && { echo "simulated-finetune: cannot reach $url" >&2; exit 3; }
  [ "$rc" -eq 0 ] && code=200 || code=400
fi

case "$code" in
  2??) printf '%s\n' "$reply" ;;
  *) echo "simulated-finetune: simulator refused (HTTP $code): $reply" >&2; exit 3 ;;
esac
