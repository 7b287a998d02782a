"""A throw-away PostgreSQL server with pgvector: initdb into a temporary folder, listen on 127.0.0.1 and a
free port, stop by PID. Used by the tests and by bench/pg_latency.py."""

from __future__ import annotations

import glob
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from pathlib import Path


def postgres_bin() -> Path | None:
    """The newest PostgreSQL server on this machine whose share folder holds pgvector, if any."""
    for bindir in sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=lambda p: int(Path(p).parent.name),
                         reverse=True):
        version = Path(bindir).parent.name
        if Path(f"/usr/share/postgresql/{version}/extension/vector.control").exists():
            return Path(bindir)
    return None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class PostgresServer:
    """Created and started on entry; stopped by PID and deleted on exit."""

    def __init__(self, bindir: Path | None):
        if bindir is None:
            raise ValueError("no PostgreSQL with pgvector on this machine (scripts/install-postgres.sh installs it)")
        self.bindir = bindir
        self.port = _free_port()
        self.folder: Path | None = None  # made on entry, so that nothing is left behind without one
        # PostgreSQL refuses to run as root: the server then runs as the postgres account.
        self.user = "postgres" if os.geteuid() == 0 else None
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/postgres"

    def __enter__(self) -> PostgresServer:
        self.folder = Path(tempfile.mkdtemp(prefix="qa-postgres-"))
        if self.user:
            shutil.chown(self.folder, self.user)
        subprocess.run([self.bindir / "initdb", "-D", self.folder / "data", "-U", "postgres", "--auth=trust",
                        "-E", "UTF8", "--no-sync"], check=True, capture_output=True, user=self.user)
        self.start()
        return self

    def start(self) -> None:
        with open(self.folder / "server.log", "a") as log:
            self.process = subprocess.Popen(
                [self.bindir / "postgres", "-D", self.folder / "data", "-p", str(self.port),
                 "-c", "listen_addresses=127.0.0.1", "-c", f"unix_socket_directories={self.folder}",
                 "-c", "fsync=off"],
                stdout=subprocess.DEVNULL, stderr=log, user=self.user)
        deadline = time.monotonic() + 30
        while not self._accepts():
            if self.process.poll() is not None or time.monotonic() > deadline:
                self.__exit__()
                raise RuntimeError(f"PostgreSQL did not start: see {self.folder / 'server.log'}")
            time.sleep(0.1)

    def _accepts(self) -> bool:
        ready = subprocess.run([self.bindir / "pg_isready", "-q", "-h", "127.0.0.1", "-p", str(self.port)])
        return ready.returncode == 0

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            os.kill(self.process.pid, signal.SIGINT)  # fast shutdown
            self.process.wait(timeout=30)

    def __exit__(self, *_) -> None:
        self.stop()
        if self.folder:
            shutil.rmtree(self.folder, ignore_errors=True)
