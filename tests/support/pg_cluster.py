#!/usr/bin/env python3
"""A throwaway PostgreSQL 15 cluster for tests: the one helper every test that needs PostgreSQL
uses (the C++ conformance suite through ctest's fixture or by itself, the integration tests by
importing this module).

  pg_cluster.py start DIR   initdb in DIR, start on a free 127.0.0.1 port; prints its URL
                            (postgresql://postgres@127.0.0.1:PORT/postgres), also kept in DIR/url
  pg_cluster.py start DIR --durable
                            the same with fsync and full-page writes on, as a production server
                            runs: for benchmarks that compare it with SQLite (synchronous=FULL)
  pg_cluster.py stop DIR    stops it at once (-m immediate) and removes DIR

initdb refuses to run as root, so as root (or under sudo) the cluster belongs to the `postgres`
user that Debian's postgresql-15 package creates. fsync is off unless --durable (the data is
thrown away, and a stopped server's writes are in the kernel's cache), commits are synchronous: a server stopped at
once (halt) keeps every acknowledged write. Fails, saying so, when PostgreSQL 15 is not
installed: nothing is skipped.
Standard library only (Debian's /usr/bin/python3).
"""
import os
import pwd
import shutil
import socket
import subprocess
import sys
from pathlib import Path

BIN = Path("/usr/lib/postgresql/15/bin")


class Missing(RuntimeError):
    pass


def _as_owner(argv):
    """argv run as the cluster's owner: `postgres` when we are root, ourselves otherwise."""
    if os.geteuid() == 0:
        return ["runuser", "-u", "postgres", "--"] + argv
    return argv


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start(directory, durable=False):
    """Starts a cluster in `directory` (made if missing); returns its URL. `durable`: fsync on."""
    for tool in ("initdb", "pg_ctl"):
        if not (BIN / tool).exists():
            raise Missing(f"PostgreSQL 15 is not installed ({BIN / tool} is missing): "
                          "run scripts/bootstrap (it installs postgresql-15)")
    directory = Path(directory).resolve()
    stop(directory)  # what a run that was killed left behind
    directory.mkdir(parents=True, exist_ok=True)
    data, sockets = directory / "data", directory / "sock"
    sockets.mkdir(exist_ok=True)
    if os.geteuid() == 0:
        try:
            owner = pwd.getpwnam("postgres")
        except KeyError as e:
            raise Missing("no `postgres` user: install postgresql-15 (scripts/bootstrap)") from e
        # The owner must reach the directory: a test's temporary directory is 0700 root's.
        os.chmod(directory, 0o755)
        for d in (directory, sockets):
            os.chown(d, owner.pw_uid, owner.pw_gid)
    run = lambda argv: subprocess.run(_as_owner(argv), capture_output=True, text=True)
    r = run([str(BIN / "initdb"), "-D", str(data), "-A", "trust", "-U", "postgres", "-E", "UTF8",
             "--locale=C.UTF-8", "--no-sync"])
    if r.returncode != 0:
        raise RuntimeError(f"initdb failed: {r.stderr.strip() or r.stdout.strip()}")
    for attempt in range(5):  # a free port may be taken between looking and listening
        port = _free_port()
        r = _pg_ctl_start(directory, port, durable)
        if r.returncode == 0:
            url = f"postgresql://postgres@127.0.0.1:{port}/postgres"
            (directory / "url").write_text(url + "\n")
            return url
    log = (directory / "log").read_text(errors="replace") if (directory / "log").exists() else ""
    raise RuntimeError(f"PostgreSQL did not start: {r.stderr.strip()}\n{log[-2000:]}")


def _pg_ctl_start(directory, port, durable=False):
    (directory / "durable").write_text("on" if durable else "off")  # resume() starts it alike
    writes = "" if durable else "-c fsync=off -c full_page_writes=off "
    return subprocess.run(_as_owner([
        str(BIN / "pg_ctl"), "-D", str(directory / "data"), "-l", str(directory / "log"), "-w",
        "-t", "60", "start", "-o",
        f"-c listen_addresses=127.0.0.1 -p {port} -k {directory / 'sock'} {writes}"
        "-c max_connections=200"]),
        capture_output=True, text=True)


def halt(directory):
    """Stops the server at once (as a crash would), keeping its data: resume() starts it again."""
    subprocess.run(_as_owner([str(BIN / "pg_ctl"), "-D", str(Path(directory) / "data"), "-m",
                              "immediate", "-w", "stop"]), capture_output=True, check=True)


def resume(directory):
    """Starts a halted server again on its port."""
    directory = Path(directory).resolve()
    url = (directory / "url").read_text().strip()
    port = int(url.rsplit(":", 1)[1].split("/")[0])
    durable = (directory / "durable").read_text() == "on"
    r = _pg_ctl_start(directory, port, durable)
    if r.returncode != 0:
        raise RuntimeError(f"PostgreSQL did not start again: {r.stderr.strip()}")


def create_database(url, name):
    """A new database in the cluster at `url` (its administrative URL); the new one's URL."""
    subprocess.run(["/usr/bin/psql", url, "-q", "-c", f'CREATE DATABASE "{name}"'],
                   capture_output=True, check=True)
    return url.rsplit("/", 1)[0] + "/" + name


def stop(directory):
    """Stops the cluster in `directory` at once and removes the directory."""
    directory = Path(directory)
    if (directory / "data" / "postmaster.pid").exists():
        subprocess.run(_as_owner([str(BIN / "pg_ctl"), "-D", str(directory / "data"), "-m",
                                  "immediate", "-w", "stop"]), capture_output=True)
    shutil.rmtree(directory, ignore_errors=True)


def main(argv):
    durable = argv[3:] == ["--durable"]
    if len(argv) - durable != 3 or argv[1] not in ("start", "stop") or (durable and argv[1] != "start"):
        print(__doc__, file=sys.stderr)
        return 2
    try:
        if argv[1] == "start":
            print(start(argv[2], durable))
        else:
            stop(argv[2])
    except (Missing, RuntimeError) as e:
        print(f"pg_cluster: {e}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
