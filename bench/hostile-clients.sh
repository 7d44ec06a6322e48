#!/usr/bin/env bash
# A long-running `simulate` under abuse, as a real process:
#  1. latency of normal requests while 5 clients trickle request bodies and 40 trickle headers;
#  2. heap (after a full GC) at start, after 10 000 short conversations, and once they expired.
# Usage: bench/hostile-clients.sh [CONVERSATIONS (default 10000)]
set -euo pipefail
cd "$(dirname "$0")/.."
conversations=${1:-10000}
[[ -f target/gctyping.jar ]] || mvn -q -DskipTests package
out=$(mktemp)
java ${GCTYPING_JAVA_OPTS:-} -jar target/gctyping.jar simulate --quiet --idle-expiry 5s --rate-limit 1000000 >"$out" &
sim=$!
trap 'kill $sim 2>/dev/null; rm -f "$out"' EXIT
until [[ -s $out ]]; do sleep 0.2; done
url=$(python3 -c 'import json,sys; print(json.loads(open(sys.argv[1]).readline())["httpUrl"])' "$out")
python3 - "$url" "$conversations" "$sim" <<'PY'
import http.client, json, socket, statistics, subprocess, sys, time, urllib.parse
url, n, pid = urllib.parse.urlparse(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
host, port = url.hostname, url.port

def heap_kb():
    subprocess.run(["jcmd", pid, "GC.run"], capture_output=True, check=True)
    info = subprocess.run(["jcmd", pid, "GC.heap_info"], capture_output=True, text=True, check=True).stdout
    return int(info.split(" used ")[1].split("K")[0])

def normal_ms():
    start = time.monotonic()
    c = http.client.HTTPConnection(host, port, timeout=60)
    c.request("GET", "/sim/info")
    assert c.getresponse().status == 200
    c.close()
    return (time.monotonic() - start) * 1000

baseline = [normal_ms() for _ in range(20)]
slow = []
for i in range(5):
    s = socket.create_connection((host, port)); s.sendall(b"POST /oauth/token HTTP/1.1\r\nContent-Length: 100\r\n\r\ng"); slow.append(s)
for i in range(40):
    s = socket.create_connection((host, port)); s.sendall(b"GET /sim/info HTTP/1.1\r\nHo"); slow.append(s)
loaded = [normal_ms() for _ in range(20)]
print(f"normal GET /sim/info: median {statistics.median(baseline):.1f} ms alone, "
      f"{statistics.median(loaded):.1f} ms (max {max(loaded):.1f}) with 5 slow bodies and 40 slow headers open")
for s in slow:
    s.close()

c = http.client.HTTPConnection(host, port, timeout=60)
c.request("POST", "/oauth/token", "grant_type=client_credentials&client_id=gctyping-sim&client_secret=gctyping-sim-secret",
          {"Content-Type": "application/x-www-form-urlencoded"})
token = json.loads(c.getresponse().read())["access_token"]
start_kb = heap_kb()
body = '{"typing":{"type":"On","duration":3000},"dateSent":"2026-11-24T22:00:00.000Z"}'
t0 = time.monotonic()
for i in range(n):
    headers = {"Authorization": "Bearer " + token, "Content-Type": "application/json"}
    if i % 2:
        headers["Gctyping-Run"] = f"run-{i % 50}"
    c.request("POST", f"/api/v2/conversations/messages/short-{i}/communications/comm-1/typing", body, headers)
    r = c.getresponse(); r.read(); assert r.status == 202, r.status
served_s = time.monotonic() - t0
served_kb = heap_kb()
c.close()
while True:  # the sweep runs every 1.25 s with --idle-expiry 5s
    c = http.client.HTTPConnection(host, port, timeout=60)
    c.request("GET", "/sim/report")
    expired = json.loads(c.getresponse().read())["expired"]
    c.close()
    if expired["conversations"] >= n:
        break
    time.sleep(1)
expired_kb = heap_kb()
print(f"{n} conversations served in {served_s:.1f} s; heap after full GC: {start_kb / 1024:.1f} MB at start, "
      f"{served_kb / 1024:.1f} MB served, {expired_kb / 1024:.1f} MB after expiry "
      f"({(expired_kb - start_kb) * 100 / start_kb:+.1f} %); expired: {json.dumps(expired)}")
PY
