"""The Debian servers of the scaled layout, each started as a child process with its own data folder on
loopback: PostgreSQL (as the `postgres` user when run as root, which PostgreSQL refuses), Redis and HAProxy."""
from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import time
from pathlib import Path

from sqlalchemy import create_engine, text


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_port(port: int, timeout: float, process: subprocess.Popen | None = None) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            return False
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return True
        except OSError:
            time.sleep(0.2)
    return False


def debian_binary(name: str, package: str) -> str:
    for folder in ("/usr/sbin", "/usr/bin", "/usr/local/sbin", "/usr/local/bin"):
        if Path(folder, name).exists():
            return str(Path(folder, name))
    found = shutil.which(name)
    if not found:
        raise RuntimeError(f"{name} is not installed: apt-get install {package} (scripts/install-system-deps does it)")
    return found


def pg_bin() -> Path:
    for candidate in sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True):
        if Path(candidate, "initdb").exists():
            return Path(candidate)
    found = shutil.which("initdb")
    if not found:
        raise RuntimeError("PostgreSQL is not installed: apt-get install postgresql")
    return Path(found).resolve().parent


class Postgres:
    """A PostgreSQL server in `folder` (created on first start, kept afterwards) with trust login on 127.0.0.1."""

    USER = "pathfinder"

    def __init__(self, folder: Path, port: int, *, durable: bool = True):
        self.folder, self.port, self.durable = folder, port, durable
        self.bin = pg_bin()
        self.as_root = os.geteuid() == 0
        self.data = folder / "data"

    @staticmethod
    def default_folder(var: Path) -> Path:
        """var/scaled/postgres, or under the postgres user's home when run as root (it cannot enter /root)."""
        if os.geteuid() != 0:
            return var / "postgres"
        import hashlib
        tag = hashlib.sha256(str(var.resolve()).encode()).hexdigest()[:10]
        return Path(pwd.getpwnam("postgres").pw_dir) / "pathfinder-scaled" / tag

    def _run(self, tool: str, *args: str) -> None:
        cmd = [str(self.bin / tool), *args]
        if self.as_root:
            cmd = ["runuser", "-u", "postgres", "--"] + cmd
        result = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=180)
        if result.returncode:
            raise RuntimeError(f"{tool} failed: {result.stdout.decode(errors='replace')[-2000:]}")

    def start(self) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        if self.as_root:
            shutil.chown(self.folder, "postgres", "postgres")
        if not (self.data / "PG_VERSION").exists():
            self._run("initdb", "-D", str(self.data), "-U", self.USER, "-A", "trust", "--no-sync", "-E", "UTF8")
        options = f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 -c max_connections=200"
        if not self.durable:
            options += " -c fsync=off -c synchronous_commit=off"
        self._run("pg_ctl", "-D", str(self.data), "-l", str(self.folder / "server.log"), "-w", "-t", "120",
                  "-o", options, "start")
        admin = create_engine(self.url("postgres"), isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            have = {row[0] for row in conn.execute(text("SELECT datname FROM pg_database"))}
            for name in ("pathfinder", "rasa_tracker"):
                if name not in have:
                    conn.execute(text(f'CREATE DATABASE "{name}"'))
        admin.dispose()

    def url(self, database: str) -> str:
        return f"postgresql+psycopg2://{self.USER}@127.0.0.1:{self.port}/{database}"

    def stop(self) -> None:
        if (self.data / "postmaster.pid").exists():
            self._run("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "stop")


def start_redis(folder: Path, port: int, log) -> subprocess.Popen:
    """Redis as Rasa's lock store: locks only, so nothing is saved to disk."""
    folder.mkdir(parents=True, exist_ok=True)
    proc = subprocess.Popen([debian_binary("redis-server", "redis-server"), "--port", str(port), "--bind", "127.0.0.1",
                             "--dir", str(folder), "--save", "", "--appendonly", "no", "--protected-mode", "yes"],
                            stdout=log, stderr=subprocess.STDOUT)
    if not wait_for_port(port, 30, proc):
        raise RuntimeError("redis-server did not start; see its log")
    return proc


def start_haproxy(config: Path, port: int, log) -> subprocess.Popen:
    binary = debian_binary("haproxy", "haproxy")
    check = subprocess.run([binary, "-c", "-q", "-f", str(config)], stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    if check.returncode:
        raise RuntimeError(f"HAProxy refused {config}: {check.stdout.decode(errors='replace')}")
    proc = subprocess.Popen([binary, "-db", "-f", str(config)], stdout=log, stderr=subprocess.STDOUT)
    if not wait_for_port(port, 30, proc):
        raise RuntimeError("HAProxy did not start; see its log")
    return proc
