"""Load generator for scripts/cluster-load.sh (Python 3 standard library only). Loopback targets only.

bodies     CATALOG DIR COUNT BATCH          event batches for wrk (scripts/events.lua): COUNT files of BATCH views
failover   BASE SECONDS RATE KILL_AT PID    steady events + recommendations, kill -9 PID at KILL_AT seconds
shoppers   BASE CATALOG PREFIX COUNT EVENTS COUNT new shoppers PREFIX0.. with EVENTS views each (Zipf products, as
                                            `bodies`), in batches of 4 views per shopper; for the stored-size figure
"""
import http.client, json, os, random, signal, sys, threading, time, urllib.parse

def connect(base):
    url = urllib.parse.urlparse(base)
    if url.hostname not in ("127.0.0.1", "localhost", "::1"):
        sys.exit(f"refusing to load {base}: loopback only")
    return lambda: http.client.HTTPConnection(url.hostname, url.port, timeout=60)

def products(base):
    conn = connect(base)()
    ids = []
    for q in ("watch", "shirt", "shoes", "ring", "mug", "bag"):
        conn.request("GET", f"/api/search?q={q}&limit=50")
        ids += [item["id"] for item in json.loads(conn.getresponse().read())["items"]]
    return ids

def bodies(catalog, out, count, batch):
    """Batches of views as a storefront's event pipeline would send them: 4 views per shopper, shoppers drawn from
    20,000, products from the whole catalog with Zipf(1) popularity (a few products are hot, the tail is long)."""
    import csv
    with open(catalog, encoding="utf-8", errors="replace") as f:
        ids = list(dict.fromkeys(row["uniq_id"] for row in csv.DictReader(f)))
    rnd = random.Random(7)
    rnd.shuffle(ids)
    weights = [1.0 / (rank + 1) for rank in range(len(ids))]
    per = max(1, batch // 4)
    os.makedirs(out, exist_ok=True)
    for k in range(count):
        users = [f"load-{rnd.randrange(20000)}" for _ in range(per)]
        products = rnd.choices(ids, weights=weights, k=batch)
        events = [{"userId": users[i % per], "kind": "view", "productId": products[i]} for i in range(batch)]
        with open(os.path.join(out, f"body{k}.json"), "w") as f:
            json.dump({"events": events}, f)

def zipf_catalog(catalog, seed):
    import csv
    with open(catalog, encoding="utf-8", errors="replace") as f:
        ids = list(dict.fromkeys(row["uniq_id"] for row in csv.DictReader(f)))
    rnd = random.Random(seed)
    rnd.shuffle(ids)
    return rnd, ids, [1.0 / (rank + 1) for rank in range(len(ids))]

def shoppers(base, catalog, prefix, count, per_shopper):
    rnd, ids, weights = zipf_catalog(catalog, 11)
    conn = connect(base)()
    for round_start in range(0, per_shopper, 4):
        views = min(4, per_shopper - round_start)
        events = [{"userId": f"{prefix}{u}", "kind": "view", "productId": p}
                  for u in range(count) for p in rnd.choices(ids, weights=weights, k=views)]
        for start in range(0, len(events), 1000):
            conn.request("POST", "/api/events", json.dumps({"events": events[start:start + 1000]}), {"content-type": "application/json"})
            response = conn.getresponse()
            body = response.read()
            if response.status != 200:
                sys.exit(f"events rejected: {response.status} {body[:200]!r}")

def failover(base, seconds, rate, kill_at, pid):
    new_conn, ids, run = connect(base), products(base), f"{random.randrange(1 << 30):x}"
    lock, results = threading.Lock(), []
    t0 = time.time()
    killed = []

    def one(step):
        rnd = random.Random(step)
        user = f"fo-{run}-{rnd.randrange(500)}"
        conn = new_conn()
        start = time.time() - t0
        try:
            if step % 2 == 0:
                events = [{"userId": user, "kind": "view", "productId": rnd.choice(ids)} for _ in range(5)]
                conn.request("POST", "/api/events", json.dumps({"events": events}), {"content-type": "application/json"})
            else:
                conn.request("GET", f"/api/users/{user}/recommendations?limit=10")
            response = conn.getresponse()
            response.read()
            ok, status = response.status == 200, response.status
            problem = "problem+json" in (response.getheader("content-type") or "") and bool(response.getheader("retry-after"))
        except Exception:
            ok, status, problem = False, 0, False
        with lock:
            results.append((start, time.time() - t0, ok, status, problem))

    threads, step = [], 0
    while time.time() - t0 < seconds:
        if not killed and time.time() - t0 >= kill_at:
            os.kill(pid, signal.SIGKILL)
            killed.append(time.time() - t0)
        t = threading.Thread(target=one, args=(step,))
        t.start()
        threads.append(t)
        step += 1
        time.sleep(max(0, step / rate - (time.time() - t0)))
    [t.join() for t in threads]
    kill = killed[0]
    failed = [r for r in results if not r[2]]
    # A failure the client can act on is a 503 problem+json with Retry-After; anything else (no answer, 500) is not.
    unexplained = [r for r in failed if not (r[3] == 503 and r[4])]
    disturbed = [r for r in results if r[0] >= kill - 1 and (not r[2] or r[1] - r[0] > 1.0)]
    gap = max(0.0, max((r[0] for r in disturbed), default=kill) - kill)
    after = [r[1] - kill for r in results if r[0] >= kill and r[2]]
    print(f"failover: {len(results)} requests at {rate}/s, silo killed at {kill:.1f} s; failed {len(failed)} "
          f"({100 * len(failed) / len(results):.2f}%, of which not a 503 problem with Retry-After {len(unexplained)}); first success {min(after, default=float('nan')):.2f} s after the kill; "
          f"failover gap {gap:.2f} s (after it every request started was answered normally); "
          f"slowest request {max(r[1] - r[0] for r in results):.2f} s (every request must answer or fail within 2 s)")

if __name__ == "__main__":
    mode, base = sys.argv[1], sys.argv[2]
    if mode == "bodies":
        bodies(sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5]))
    elif mode == "shoppers":
        shoppers(base, sys.argv[3], sys.argv[4], int(sys.argv[5]), int(sys.argv[6]))
    else:
        failover(base, float(sys.argv[3]), float(sys.argv[4]), float(sys.argv[5]), int(sys.argv[6]))
