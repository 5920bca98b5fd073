"""A real Virtuoso for tests: its own configuration on free loopback ports, its own database folder, a new password.

The stock configuration listens on every interface with the password
dba/dba; this copy listens on 127.0.0.1 only, keeps its database in a
temporary folder, and caps answers at RESULT_MAX_ROWS rows so that a test can
provoke Virtuoso's truncated-but-HTTP-200 answers.
"""

from __future__ import annotations

import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

STOCK_INI = Path("/etc/virtuoso-opensource-7/virtuoso.ini")
RESULT_MAX_ROWS = 1000


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def available() -> bool:
    return STOCK_INI.is_file() and bool(shutil.which("virtuoso-t")) and bool(shutil.which("isql-vt"))


def configure(stock: str, folder: Path, sql_port: int, http_port: int) -> str:
    """The stock ini with loopback ports, the database in `folder`, and a small row cap."""
    settings = {
        "Database": {"DatabaseFile": folder / "virtuoso.db", "ErrorLogFile": folder / "virtuoso.log",
                     "LockFile": folder / "virtuoso.lck", "TransactionFile": folder / "virtuoso.trx",
                     "xa_persistent_file": folder / "virtuoso.pxa"},
        "TempDatabase": {"DatabaseFile": folder / "virtuoso-temp.db", "TransactionFile": folder / "virtuoso-temp.trx"},
        "Parameters": {"ServerPort": f"127.0.0.1:{sql_port}", "DirsAllowed": f"., {folder}",
                       "NumberOfBuffers": 10000, "MaxDirtyBuffers": 6000},
        "HTTPServer": {"ServerPort": f"127.0.0.1:{http_port}"},
        "SPARQL": {"ResultSetMaxRows": RESULT_MAX_ROWS},
    }
    section, lines = None, []
    for line in stock.splitlines():
        header = re.match(r"^\[(\w+)\]", line)
        if header:
            section = header.group(1)
        key = re.match(r"^\s*(\w+)\s*=", line)
        if key and key.group(1) in settings.get(section, {}):
            line = f"{key.group(1)} = {settings[section][key.group(1)]}"
        lines.append(line)
    return "\n".join(lines) + "\n"


class Virtuoso:
    """Start `virtuoso-t +configfile FILE +wait` in `folder`; stop it at the end."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.sql_port, self.http_port = free_port(), free_port()
        self.ini = folder / "virtuoso.ini"
        self.ini.write_text(configure(STOCK_INI.read_text(encoding="utf-8"), folder, self.sql_port, self.http_port))
        self.password = "pw" + secrets.token_hex(12)  # a leading letter: isql reads a leading digit as a number
        self.base = f"http://127.0.0.1:{self.http_port}"
        self.endpoint = f"{self.base}/sparql"
        self.graph_store = f"{self.base}/sparql-graph-crud-auth"

    def start(self) -> Virtuoso:
        # +wait: the command returns once the server accepts connections (it then runs in the background)
        subprocess.run(["virtuoso-t", "+configfile", str(self.ini), "+wait"], cwd=self.folder, check=True,
                       capture_output=True, timeout=120)
        self._wait_http(60)
        self.isql("dba", f"set password dba {self.password};")
        return self

    def isql(self, password: str, sql: str) -> str:
        result = subprocess.run(["isql-vt", f"127.0.0.1:{self.sql_port}", "dba", password, f"exec={sql}"],
                                capture_output=True, text=True, timeout=60)
        if result.returncode != 0 or "Error" in result.stdout:
            raise RuntimeError(f"isql failed: {result.stdout}{result.stderr}")
        return result.stdout

    def _wait_http(self, seconds: float) -> None:
        deadline = time.monotonic() + seconds
        while True:  # +wait covers the SQL port; the HTTP listener can come a moment later
            try:
                with urllib.request.urlopen(f"{self.endpoint}?query=ASK%7B%7D", timeout=5):
                    return
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.2)

    def stop(self) -> None:
        """Shut down cleanly through isql; if that fails, kill the process the lock file names."""
        lock = self.folder / "virtuoso.lck"
        pid = re.search(r"VIRT_PID=(\d+)", lock.read_text()) if lock.exists() else None
        try:
            self.isql(self.password, "shutdown;")
        except (RuntimeError, subprocess.TimeoutExpired):
            if pid:
                os.kill(int(pid.group(1)), signal.SIGKILL)
        deadline = time.monotonic() + 30
        while pid and Path(f"/proc/{pid.group(1)}").exists() and time.monotonic() < deadline:
            time.sleep(0.2)
