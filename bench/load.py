"""Load test: the production profile (gunicorn + db_worker, PostgreSQL) under 16 concurrent clients.

Makes (or reuses) a PostgreSQL database with a generated data set of 50 agencies × 5 units × 40 employees and
200,000 tickets (bench/load_data.py), starts Orbit as `make serve` does on 127.0.0.1 (gunicorn with DEBUG off,
static files by WhiteNoise after collectstatic, plus `manage.py db_worker`), drives a mixed workload from
concurrent clients for two minutes (bench/load_driver.py) and prints throughput, p50/p95/p99 latency per page,
errors, the server's memory and where the CPU went. Target: zero errors and p95 under 300 ms for every page;
the exit status is 1 when it is missed.

    .venv/bin/python bench/load.py [--duration 120] [--clients 16] [--workers 3] [--regenerate]
    .venv/bin/python bench/load.py --database-url postgres://postgres@127.0.0.1:5432/orbit_load
"""

import argparse
import os
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Run as a script, this folder comes first on the path: its helpdesk.py must not shadow Orbit's helpdesk app.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != ROOT / "bench"]
sys.path.insert(0, str(ROOT))

from bench import load_data, load_driver  # noqa: E402

PYTHON = Path(sys.executable)
GUNICORN = PYTHON.parent / "gunicorn"
TARGET_MS = 300
TICK = os.sysconf("SC_CLK_TCK")


def options():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default="postgres://postgres@127.0.0.1:5432/orbit_load")
    parser.add_argument("--regenerate", action="store_true", help="drop the database and generate the data again")
    parser.add_argument("--agencies", type=int, default=50)
    parser.add_argument("--units", type=int, default=5, help="per agency")
    parser.add_argument("--employees", type=int, default=40, help="per unit")
    parser.add_argument("--tickets", type=int, default=200_000, help="in all")
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--duration", type=float, default=120, help="seconds of measured workload")
    parser.add_argument("--workers", type=int, default=3, help="gunicorn workers (make serve's default)")
    parser.add_argument("--think", type=float, nargs=2, default=(0.1, 0.5), metavar=("MIN", "MAX"),
                        help="seconds a client waits between two requests (uniform)")  # fmt: skip
    parser.add_argument("--conn-max-age", type=int, default=int(os.environ.get("DB_CONN_MAX_AGE") or 60),
                        help="the server's DB_CONN_MAX_AGE (default: as set, else 60 like make serve)")  # fmt: skip
    parser.add_argument("--port", type=int, default=0, help="default: a free port")
    parser.add_argument("--seed", type=int, default=1, help="seed of the clients' choices")
    return parser.parse_args()


# The database.


def server_of(url: str) -> tuple[str, dict]:
    import dj_database_url

    parsed = dj_database_url.parse(url)
    if parsed["ENGINE"] != "django.db.backends.postgresql":
        sys.exit("bench/load.py needs a PostgreSQL --database-url")
    return parsed["NAME"], {k: parsed.get(k.upper()) or None for k in ("host", "port", "user", "password")}


def admin(server: dict, sql: str):
    import psycopg

    with psycopg.connect(dbname="postgres", autocommit=True, **server) as connection:
        cursor = connection.execute(sql)
        return cursor.fetchall() if cursor.description else None


def recreate(name: str, server: dict) -> None:
    admin(server, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    admin(server, f'CREATE DATABASE "{name}"')


def prepare_data(opts, sizes: load_data.Sizes) -> None:
    """The database migrated and holding the data set: reused when it is there, otherwise made anew."""
    from django.core.management import call_command
    from django.db import connection

    from organisation.models import Agency

    name, server = server_of(opts.database_url)
    fresh = opts.regenerate or not admin(server, f"SELECT 1 FROM pg_database WHERE datname = '{name}'")
    if fresh:
        recreate(name, server)
    call_command("migrate", verbosity=0)
    if load_data.present(sizes):
        print(f"data set found in {name}: reused (--regenerate makes it anew)")
        return
    if not fresh and Agency.objects.exists():  # a partial or different data set: start from an empty database
        connection.close()
        recreate(name, server)
        call_command("migrate", verbosity=0)
    began = time.perf_counter()
    print(f"generating {sizes} in {name} ...", flush=True)
    load_data.generate(sizes, progress=lambda text: print(f"  {text}", end="\r", flush=True))
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")  # what autovacuum does soon after a bulk load
    print(f"\ngenerated in {time.perf_counter() - began:.0f} s")


# The server: gunicorn and the task worker, as `make serve` starts them.


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.append(int(entry.name))
    return found


def backends(database: str) -> list[int]:
    """PostgreSQL's server processes connected to ``database`` (on this machine)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                command = (entry / "cmdline").read_bytes().decode(errors="replace")
            except OSError:
                continue
            if command.startswith("postgres: ") and f" {database} " in command:
                found.append(int(entry.name))
    return found


def cpu_seconds(pid: int) -> float:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / TICK  # utime, stime


def memory_mb(pid: int) -> tuple[float, float]:
    """(VmRSS, VmHWM: the peak) in MB."""
    values = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(("VmRSS:", "VmHWM:")):
            key, amount, _kb = line.split()
            values[key] = int(amount) / 1024
    return values.get("VmRSS:", 0.0), values.get("VmHWM:", 0.0)


def machine_busy() -> tuple[int, int]:
    """(busy, total) jiffies of all cores since boot."""
    numbers = [int(n) for n in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    idle = numbers[3] + numbers[4]
    return sum(numbers) - idle, sum(numbers)


@contextmanager
def production_server(opts, folder: str):
    """gunicorn (DEBUG off, static files by WhiteNoise) and `manage.py db_worker` on 127.0.0.1; yields them."""
    logs = Path(folder)
    subprocess.run([str(PYTHON), "manage.py", "collectstatic", "--noinput", "-v", "0"], cwd=ROOT, check=True)
    port = opts.port or free_port()
    worker = subprocess.Popen(
        [str(PYTHON), "manage.py", "db_worker"], cwd=ROOT, stdout=(logs / "worker.log").open("w"),
        stderr=subprocess.STDOUT,
    )  # fmt: skip
    gunicorn = subprocess.Popen(
        [str(GUNICORN), "orbit.wsgi:application", "--bind", f"127.0.0.1:{port}", "--workers", str(opts.workers),
         "--error-logfile", str(logs / "gunicorn.log")],
        cwd=ROOT,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/accounts/login/", timeout=5) as response:
                    if response.status == 200:
                        break
            except OSError:
                pass
            if gunicorn.poll() is not None or time.monotonic() > deadline:
                sys.exit(f"gunicorn did not start:\n{(logs / 'gunicorn.log').read_text()[-3000:]}")
            time.sleep(0.5)
        yield port, gunicorn, worker
    finally:
        for process in (gunicorn, worker):
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
        for process in (gunicorn, worker):
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def environment(opts, folder: str) -> None:
    """The production profile's settings (docs/deploy.md), for this process and the server it starts."""
    os.environ.update(
        DJANGO_SETTINGS_MODULE="orbit.settings",
        DEBUG="false",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1",
        # Plain HTTP on 127.0.0.1, no TLS-terminating proxy: otherwise every request is redirected to https.
        SECURE_SSL_REDIRECT="false",
        DATABASE_URL=opts.database_url,
        STATIC_ROOT=f"{folder}/static",
        MEDIA_ROOT=f"{folder}/media",
        DB_CONN_MAX_AGE=str(opts.conn_max_age),
        EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend",
        # All clients come from 127.0.0.1: the portal's per-address limit (10 an hour) would refuse them.
        HELPDESK_SUBMISSIONS_PER_ADDRESS=str(10**9),
        HELPDESK_SUBMISSIONS_PER_EMAIL=str(10**9),
    )


def check_server(result, gunicorn, worker, pids: list[int], folder: str) -> None:
    """A server process that died or a gunicorn worker that was replaced (crash, timeout) is an error of the run."""
    problems = [f"{name} exited with status {process.returncode}" for name, process in
                (("gunicorn", gunicorn), ("db_worker", worker)) if process.poll() is not None]  # fmt: skip
    if sorted(children(gunicorn.pid)) != sorted(pids) and gunicorn.poll() is None:
        problems.append(f"gunicorn replaced workers: {pids} became {children(gunicorn.pid)}")
    for problem in problems:
        result.error_count += 1
        result.errors.append(problem)
    if problems:
        for log in ("gunicorn.log", "worker.log"):
            print(f"--- {log} (end)\n{(Path(folder) / log).read_text()[-3000:]}")


def waiting_tasks() -> int:
    """Background tasks (mails) still queued at the end: whether the db_worker kept up."""
    from django.db import connections
    from django_tasks_db.models import DBTaskResult

    count = DBTaskResult.objects.ready().count()
    connections.close_all()
    return count


def resources(result, pids: list[int], worker: int, master: int, before: dict) -> dict:
    """Memory now and at peak, and the CPU the server, the task worker and the clients used in the window."""
    busy, total = (after - start for after, start in zip(machine_busy(), before["busy"], strict=True))
    workers = sum(cpu_seconds(pid) - before[pid] for pid in pids)
    worker_cpu = cpu_seconds(worker) - before[worker]
    memory = [f"worker {pid} {now:.0f}/{peak:.0f}" for pid in pids for now, peak in [memory_mb(pid)]]
    now, peak = memory_mb(worker)
    memory += [f"gunicorn master {memory_mb(master)[0]:.0f}", f"db_worker {now:.0f}/{peak:.0f}"]
    return {
        "memory": ", ".join(memory),
        "busy": busy / total,
        "workers": workers,
        "worker": worker_cpu,
        "rest": max(0.0, busy / TICK - workers - worker_cpu - result.client_cpu),
        "load": (before["load"], os.getloadavg()[0]),
    }


def report(opts, result, usage: dict) -> bool:
    lines, fast = load_driver.table(result, TARGET_MS)
    print()
    print(f"{len(result.samples)} page kinds, {opts.clients} clients, think time {opts.think[0] * 1000:.0f}-"
          f"{opts.think[1] * 1000:.0f} ms between requests, {opts.workers} gunicorn workers, "
          f"DB_CONN_MAX_AGE={opts.conn_max_age}")  # fmt: skip
    print(
        f"throughput: {result.requests / result.seconds:.1f} requests/s ({result.requests} in {result.seconds:.1f} s)"
    )
    print()
    print("\n".join(lines))
    print()
    print(f"errors: {result.error_count}")
    for error in result.errors:
        print(f"  {error}")
    print()
    print(f"memory (RSS now / peak, MB): {usage['memory']}")
    window = result.seconds
    print(f"CPU during the window ({os.cpu_count()} cores, {window:.0f} s): machine busy {usage['busy'] * 100:.0f} %; "
          f"gunicorn workers {usage['workers'] / window:.2f} cores, db_worker {usage['worker'] / window:.2f}, "
          f"load clients {result.client_cpu / window:.2f}, the rest (PostgreSQL, other jobs) "
          f"{usage['rest'] / window:.2f}")  # fmt: skip
    if result.requests:
        print(f"gunicorn workers' CPU per request: {usage['workers'] / result.requests * 1000:.1f} ms")
    if opts.conn_max_age and result.requests:  # with 0 every backend ends with its request, its CPU uncounted
        print(f"PostgreSQL backends of this database (kept connections): {usage['database'] / window:.2f} cores, "
              f"{usage['database'] / result.requests * 1000:.1f} ms per request")  # fmt: skip
    print(f"background tasks still queued at the end: {usage['queue']}")
    print("machine load (1-minute average) at the start and the end: {:.1f}, {:.1f}".format(*usage["load"]))
    holds = fast and result.error_count == 0
    print(f"target (zero errors, p95 < {TARGET_MS} ms for every page): {'PASS' if holds else 'FAIL'}")
    return holds


def main() -> None:
    opts = options()
    sizes = load_data.Sizes(opts.agencies, opts.units, opts.employees, opts.tickets)
    began = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="orbit-load-") as folder:
        environment(opts, folder)
        import django

        django.setup()
        from django.db import connections

        prepare_data(opts, sizes)
        plan = load_data.plan(sizes, opts.clients, seed=opts.seed, think=tuple(opts.think))
        connections.close_all()
        database = server_of(opts.database_url)[0]
        with production_server(opts, folder) as (port, gunicorn, worker):
            pids = children(gunicorn.pid)
            print(f"gunicorn on 127.0.0.1:{port} (workers {pids}), db_worker {worker.pid}; {opts.clients} clients "
                  f"signing in, then {opts.duration:.0f} s of workload ...", flush=True)  # fmt: skip
            before = {}

            def on_start():  # the window opens: CPU counters from here
                before.update(load=os.getloadavg()[0], busy=machine_busy())
                before.update({pid: cpu_seconds(pid) for pid in [*pids, worker.pid, *backends(database)]})

            result = load_driver.run(plan, "127.0.0.1", port, opts.duration, on_start)
            usage = resources(result, pids, worker.pid, gunicorn.pid, before)
            usage["database"] = sum(cpu_seconds(pid) - before.get(pid, 0.0) for pid in backends(database))
            check_server(result, gunicorn, worker, pids, folder)
            usage["queue"] = waiting_tasks()
    holds = report(opts, result, usage)
    print(f"(whole run: {time.perf_counter() - began:.0f} s)")
    sys.exit(0 if holds else 1)


if __name__ == "__main__":
    main()
