"""A small disk a test may fill up or make read-only: a real tmpfs, not a stand-in.

As root, the tmpfs is mounted on a folder of the test and unmounted after. Without root, it is mounted in a user
and mount namespace of its own (`unshare -rm`, where the kernel allows unprivileged user namespaces), held open
by a sleeping process: the test reaches the files through /proc/PID/root, and argmap runs inside the namespace
(`nsenter`). Where neither works, the test is skipped and says why.
"""

from __future__ import annotations

import errno
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

PAGE = 4096


class SmallDisk:
    """A tmpfs of `size` bytes at `mountpoint`; `path` is where the test reads and writes it."""

    def __init__(self, mountpoint: Path, size: int):
        self.mountpoint = Path(mountpoint)
        self.mountpoint.mkdir(parents=True, exist_ok=True)
        self.holder = None
        if os.geteuid() == 0:
            done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size},mode=0777", "tmpfs", str(self.mountpoint)],
                                  capture_output=True, text=True)
            if done.returncode != 0:
                pytest.skip(f"cannot mount a small tmpfs even as root: {done.stderr.strip()}")
            self.path = self.mountpoint
        else:
            if not shutil.which("unshare") or not shutil.which("nsenter"):
                pytest.skip("a small disk needs root, or unshare and nsenter for a user namespace; neither is here")
            self.holder = subprocess.Popen(
                ["unshare", "-rm", "sh", "-c", f'mount -t tmpfs -o size={size} tmpfs "$0" && echo ready && exec sleep 86400',
                 str(self.mountpoint)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            if self.holder.stdout.readline().strip() != "ready":
                reason = self.holder.stderr.read().strip()
                self.holder.kill()
                pytest.skip(f"not root, and this kernel refuses an unprivileged user namespace with a tmpfs: {reason}")
            self.path = Path(f"/proc/{self.holder.pid}/root") / self.mountpoint.relative_to("/")

    def seen_by_argmap(self, path: Path) -> Path:
        """Where argmap, running on this disk, sees `path` (a path under self.path)."""
        return self.mountpoint / Path(path).relative_to(self.path)

    def command(self, args: list[str]) -> list[str]:
        """`args` as a command that sees this disk mounted, run in the disk's root folder."""
        if self.holder is None:
            return args
        return ["nsenter", "-U", "-m", "--preserve-credentials", f"--wd={self.mountpoint}", "-t", str(self.holder.pid), "--", *args]

    def argmap(self, *args, env: dict | None = None) -> subprocess.CompletedProcess:
        """Run the argmap command in a fresh process that sees this disk, in the disk's root folder."""
        return subprocess.run(self.command([sys.executable, "-m", "argmap", *map(str, args)]),
                              capture_output=True, text=True, cwd=self.path if self.holder is None else None, env=env,
                              timeout=300)

    def fill(self, leave: int = 0) -> None:
        """Fill the disk with a file of zeros, then free `leave` bytes (whole pages) of it again."""
        filler = self.path / "filler"
        with open(filler, "ab", buffering=0) as stream:  # unbuffered: nothing is left to flush once the disk is full
            try:
                while stream.write(b"\0" * PAGE):
                    pass
            except OSError as error:
                if error.errno != errno.ENOSPC:
                    raise
        if leave:
            pages = -(-leave // PAGE)
            os.truncate(filler, max(0, filler.stat().st_size - pages * PAGE))

    def read_only(self) -> None:
        """Remount the disk read-only (what is on it stays readable)."""
        done = subprocess.run(self.command(["mount", "-o", "remount,ro,bind", str(self.mountpoint)]), capture_output=True, text=True)
        if done.returncode != 0:
            pytest.skip(f"cannot remount the small disk read-only: {done.stderr.strip()}")

    def close(self) -> None:
        if self.holder is None:
            subprocess.run(["umount", "-l", str(self.mountpoint)], capture_output=True)
        else:
            self.holder.kill()
            self.holder.wait()
