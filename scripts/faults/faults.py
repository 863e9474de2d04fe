"""Mixed traffic under a fault, for the scripts in scripts/faults (Python 3 standard library only; loopback only).

    faults.py run --base URL[,URL2] --rate R --seconds S --out DIR [--admin-key K] [--retry]
                  [--at SECONDS:COMMAND ...]

Sends R requests/s for S seconds, open loop (a request every 1/R s whatever earlier ones wait for): searches,
recommendations, similar items, trending (60 %), event batches with event ids (30 %) and admin price/stock changes
(10 %). `--at 10:"scripts/ci/postgres.sh stop DIR"` runs a shell command at 10 s into the run (the fault), its
start and end times recorded; the load lasts at least until every command ended and `--tail` seconds more. With several URLs requests alternate between them; `--retry` makes a client retry a
request that failed (no answer, 5xx) once on the next URL, as a client behind a load balancer would.

Writes DIR/requests.tsv (start, end, kind, status, problem+json, Retry-After, attempts), DIR/events.tsv (user, event
ids acknowledged), DIR/users.txt and DIR/marks.tsv (the commands' times); `faults.py report DIR [COUNTS]` prints
the figures, COUNTS being `aisle shopper-counts` output (user, events stored) for the lost-event count.
"""
import http.client, json, os, random, subprocess, sys, threading, time, urllib.parse, queue

READS = ("search", "search", "recommendations", "recommendations", "similar", "trending")
QUERIES = ("running shoes for men", "watch", "cotton shirt under 500", "ring", "coffee mug", "backpack",
           "women sandals", "analog watch for men", "kurta", "bedsheet double")


def loopback(url):
    parsed = urllib.parse.urlparse(url)
    if parsed.hostname not in ("127.0.0.1", "localhost", "::1"):
        sys.exit(f"refusing to load {url}: loopback only")
    return parsed.hostname, parsed.port


def product_ids(host, port):
    conn = http.client.HTTPConnection(host, port, timeout=30)
    ids = []
    for q in ("watch", "shirt", "shoes", "ring", "mug", "bag"):
        conn.request("GET", f"/api/search?q={q}&limit=40")
        ids += [item["id"] for item in json.loads(conn.getresponse().read())["items"]]
    return ids


class Client(threading.local):
    """One keep-alive connection per worker thread and frontend."""
    def get(self, target, timeout):
        conns = self.__dict__.setdefault("conns", {})
        if target not in conns:
            conns[target] = http.client.HTTPConnection(*target, timeout=timeout)
        return conns[target]

    def drop(self, target):
        conn = self.__dict__.get("conns", {}).pop(target, None)
        if conn:
            conn.close()


def run(args):
    targets = [loopback(u) for u in args.base.split(",")]
    ids = product_ids(*targets[0])
    run_id = f"{random.randrange(1 << 30):x}"
    users = [f"fault-{run_id}-{i}" for i in range(args.users)]
    os.makedirs(args.out, exist_ok=True)
    with open(os.path.join(args.out, "users.txt"), "w") as f:
        f.write("\n".join(users) + "\n")
    client, lock = Client(), threading.Lock()
    results, acked, marks = [], {}, []
    t0 = time.monotonic()

    def send(target, method, path, body, headers):
        conn = client.get(target, args.timeout)
        try:
            conn.request(method, path, body, headers)
            response = conn.getresponse()
            data = response.read()
            return response.status, response.getheader("content-type") or "", response.getheader("retry-after") or "", data
        except Exception:
            client.drop(target)
            return 0, "", "", b""

    def one(step):
        rnd = random.Random(step * 7919 + 1)
        user = users[rnd.randrange(len(users))]
        slot = step % 10
        headers = {"content-type": "application/json"}
        body, event_ids = None, []
        if slot < 6:
            kind = READS[slot]
            method = "GET"
            if kind == "search":
                q = urllib.parse.quote(rnd.choice(QUERIES))
                path = f"/api/search?q={q}&limit=10" + (f"&userId={user}" if rnd.random() < 0.5 else "")
            elif kind == "recommendations":
                path = f"/api/users/{user}/recommendations?limit=10"
            elif kind == "similar":
                path = f"/api/products/{rnd.choice(ids)}/similar?userId={user}&limit=10"
            else:
                path = "/api/trending?limit=10"
        elif slot < 9:
            kind, method, path = "events", "POST", "/api/events"
            event_ids = [f"{run_id}-{step}-{k}" for k in range(rnd.randint(1, 3))]
            body = json.dumps({"events": [{"userId": user, "kind": "view", "productId": rnd.choice(ids), "eventId": e}
                                          for e in event_ids]})
        else:
            product = rnd.choice(ids)
            headers["X-Api-Key"] = args.admin_key
            if step % 20 == 9:
                kind, path, body = "price", f"/api/admin/products/{product}/price", json.dumps({"price": rnd.randint(100, 5000)})
            else:
                kind, path, body = "stock", f"/api/admin/products/{product}/stock", json.dumps({"stock": rnd.randint(50, 500)})
            method = "PUT"
        start = time.monotonic() - t0
        attempts = 0
        while True:
            target = targets[(step + attempts) % len(targets)]
            attempts += 1
            status, ctype, retry_after, data = send(target, method, path, body, headers)
            if not args.retry or attempts > 1 or (status != 0 and status < 500):
                break
        end = time.monotonic() - t0
        with lock:
            title = ""
            if "problem+json" in ctype:
                try:
                    title = json.loads(data).get("title", "")
                except ValueError:
                    pass
            results.append((start, end, kind, status, "problem+json" in ctype, retry_after, attempts, title))
            if kind == "events" and status == 200:
                acked.setdefault(user, set()).update(event_ids)

    work = queue.Queue()

    def worker():
        while True:
            step = work.get()
            if step is None:
                return
            one(step)

    workers = [threading.Thread(target=worker, daemon=True) for _ in range(args.workers)]
    [w.start() for w in workers]
    pending = sorted((float(at.split(":", 1)[0]), at.split(":", 1)[1]) for at in args.at)
    commands = []

    def fire(when, command):
        started = time.monotonic() - t0
        subprocess.run(command, shell=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        with lock:
            marks.append((when, started, time.monotonic() - t0, command))

    def running():
        now = time.monotonic() - t0
        if now < args.seconds or pending or any(t.is_alive() for t in commands):
            return True
        # --tail: keep the load on for a while after the last command finished (recovery is part of the measure).
        return now < max((m[2] for m in marks), default=0) + args.tail

    step = 0
    while running():
        while pending and time.monotonic() - t0 >= pending[0][0]:
            when, command = pending.pop(0)
            t = threading.Thread(target=fire, args=(when, command))
            t.start()
            commands.append(t)
        work.put(step)
        step += 1
        time.sleep(max(0, step / args.rate - (time.monotonic() - t0)))
    [work.put(None) for _ in workers]
    [w.join() for w in workers]
    [t.join() for t in commands]
    with open(os.path.join(args.out, "requests.tsv"), "w") as f:
        for r in sorted(results):
            f.write("\t".join(str(x) for x in r) + "\n")
    with open(os.path.join(args.out, "events.tsv"), "w") as f:
        for user, events in acked.items():
            f.write(f"{user}\t{len(events)}\n")
    with open(os.path.join(args.out, "marks.tsv"), "w") as f:
        for m in sorted(marks):
            f.write("\t".join(str(x) for x in m) + "\n")


def report(out, counts_file=None):
    rows = []
    with open(os.path.join(out, "requests.tsv")) as f:
        for line in f:
            s, e, kind, status, problem, retry_after, attempts = line.rstrip("\n").split("\t")[:7]
            rows.append((float(s), float(e), kind, int(status), problem == "True", retry_after, int(attempts)))
    marks = []
    with open(os.path.join(out, "marks.tsv")) as f:
        for line in f:
            when, started, ended, command = line.rstrip("\n").split("\t")
            marks.append((float(started), float(ended), command))
    ok = lambda r: 200 <= r[3] < 300
    reads = [r for r in rows if r[2] in ("search", "recommendations", "similar", "trending")]
    writes = [r for r in rows if r[2] in ("events", "price", "stock")]
    slowest = max(rows, key=lambda r: r[1] - r[0])
    unavailable = [r for r in rows if r[3] == 503]
    bad_503 = [r for r in unavailable if not r[4] or not r[5]]
    errors = [r for r in rows if r[3] == 0 or r[3] >= 500 and r[3] != 503]
    print(f"requests {len(rows)} ({len(reads)} reads, {len(writes)} writes) over {rows[-1][0] - rows[0][0]:.0f} s")
    print(f"failed reads {sum(1 for r in reads if not ok(r))}; write 503s {sum(1 for r in writes if r[3] == 503)}; "
          f"other failures (no answer, 500, other 5xx) {len(errors)}; 503s without problem+json or Retry-After {len(bad_503)}")
    print(f"slowest request {slowest[1] - slowest[0]:.2f} s ({slowest[2]}, status {slowest[3]}); "
          f"requests over 2 s {sum(1 for r in rows if r[1] - r[0] > 2.0)}")
    retried = [r for r in rows if r[6] > 1]
    if retried:
        print(f"retried once by the client {len(retried)}, of which answered {sum(1 for r in retried if ok(r))}")
    for i, (started, ended, command) in enumerate(marks):
        print(f"fault step {i + 1} at {started:.1f} s (done at {ended:.1f} s): {command}")
    if len(marks) >= 2:
        back = marks[-1][1]
        failed_after = [r for r in rows if r[0] >= back and not ok(r)]
        full = max((r[0] for r in failed_after), default=back) - back
        first_write = min((r[1] for r in writes if r[0] >= back and ok(r)), default=float("nan")) - back
        print(f"after the last step: first acknowledged write {first_write:.2f} s, full service (every request started "
              f"later answered 2xx) {max(0.0, full):.2f} s")
    acked = {}
    with open(os.path.join(out, "events.tsv")) as f:
        for line in f:
            user, n = line.split()
            acked[user] = int(n)
    if counts_file:
        stored = {}
        with open(counts_file) as f:
            for line in f:
                user, n = line.split()
                stored[user] = int(n)
        lost = sum(max(0, n - stored.get(u, 0)) for u, n in acked.items())
        extra = sum(max(0, stored.get(u, 0) - n) for u, n in acked.items())
        print(f"acknowledged events {sum(acked.values())}, stored {sum(stored.get(u, 0) for u in acked)}: lost {lost} "
              f"(stored beyond acknowledged, i.e. applied but answered with an error: {extra})")
    else:
        print(f"acknowledged events {sum(acked.values())}")


if __name__ == "__main__":
    import argparse
    parser = argparse.ArgumentParser()
    sub = parser.add_subparsers(dest="mode", required=True)
    r = sub.add_parser("run")
    r.add_argument("--base", required=True)
    r.add_argument("--rate", type=float, default=200)
    r.add_argument("--seconds", type=float, default=60)
    r.add_argument("--out", required=True)
    r.add_argument("--admin-key", default="local-admin-key")
    r.add_argument("--users", type=int, default=300)
    r.add_argument("--workers", type=int, default=128)
    r.add_argument("--timeout", type=float, default=30)
    r.add_argument("--retry", action="store_true")
    r.add_argument("--at", action="append", default=[])
    r.add_argument("--tail", type=float, default=0, help="seconds of load after the last --at command finished")
    p = sub.add_parser("report")
    p.add_argument("out")
    p.add_argument("counts", nargs="?")
    args = parser.parse_args()
    if args.mode == "run":
        run(args)
    else:
        report(args.out, args.counts)
