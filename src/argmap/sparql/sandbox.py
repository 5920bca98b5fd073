"""Take the network away from a process that runs queries, so that a refusal guard.py missed still reaches nothing.

Oxigraph follows SERVICE with its own HTTP client (in Rust: patching Python's socket module does not stop
it), rdflib with urllib. `isolate()` is called where queries run: by each `argmap serve` worker as it
starts, and by `argmap query` (without `--endpoint`, which is network by design) once it has read the
project and the query. It tries, in order, and returns what holds:

1. "network namespace": `unshare(CLONE_NEWNET)` (root, or CAP_SYS_ADMIN). The process then has only a
   loopback interface that is down: every connection, to 127.0.0.1 too, fails with ENETUNREACH.
2. "user and network namespace": `unshare(CLONE_NEWUSER | CLONE_NEWNET)`, where the kernel lets
   unprivileged users have namespaces (user and group ids stay the same, mapped one to one).
3. "seccomp": a filter loaded through libseccomp (libseccomp.so.2, present on Debian and most
   distributions) on every thread (TSYNC) that fails `socket()` for AF_INET and AF_INET6 with EACCES
   and refuses io_uring (which can open sockets without that call).
4. "none": nothing could be arranged (not Linux, no namespaces and no libseccomp). Then only guard.py's
   refusal stands between a query and the network (the README says so).

A namespace holds only for the thread that enters it, so 1 and 2 are tried only while the process runs a
single thread. Sockets already open (a worker's pipe to the server) keep working under all three.
"""

from __future__ import annotations

import ctypes
import errno
import os

CLONE_NEWUSER = 0x10000000
CLONE_NEWNET = 0x40000000
WAYS = ("network namespace", "user and network namespace", "seccomp")

_SCMP_ACT_ALLOW = 0x7FFF0000
_SCMP_CMP_MASKED_EQ = 7
_SCMP_FLTATR_CTL_TSYNC = 4
_isolated: str | None = None


def isolate(ways: tuple[str, ...] = WAYS) -> str:
    """Cut this process (every thread) off the network by the first of `ways` that works; say which, or "none"."""
    global _isolated
    if _isolated is not None:
        return _isolated
    for way in ways:
        if "namespace" in way and _threads() > 1:
            continue
        try:
            _ARRANGE[way]()
        except (OSError, AttributeError):  # AttributeError: a libc or libseccomp without the call
            continue
        _isolated = way
        return way
    return "none"


def _threads() -> int:
    try:
        return len(os.listdir("/proc/self/task"))
    except OSError:
        return 0  # not Linux: namespaces fail anyway


def _unshare(flags: int) -> None:
    if hasattr(os, "unshare"):  # Python 3.12+
        os.unshare(flags)
        return
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.unshare(flags) != 0:
        code = ctypes.get_errno()
        raise OSError(code, os.strerror(code))


def _network_namespace() -> None:
    _unshare(CLONE_NEWNET)


def _user_and_network_namespace() -> None:
    uid, gid = os.getuid(), os.getgid()
    _unshare(CLONE_NEWUSER | CLONE_NEWNET)
    for name, text in (("setgroups", "deny"), ("uid_map", f"{uid} {uid} 1"), ("gid_map", f"{gid} {gid} 1")):
        try:
            with open(f"/proc/self/{name}", "w", encoding="ascii") as stream:
                stream.write(text)
        except OSError:  # unmapped ids: files may not be created, but the network is gone all the same
            break


class _ArgCmp(ctypes.Structure):
    """libseccomp's struct scmp_arg_cmp: argument index, comparison, mask and value."""

    _fields_ = [("arg", ctypes.c_uint), ("op", ctypes.c_int), ("datum_a", ctypes.c_uint64),
                ("datum_b", ctypes.c_uint64)]


def _seccomp() -> None:
    import ctypes.util  # here, not above: the namespaces, tried first, need neither (a tenth of a query's start-up)
    import socket

    name = ctypes.util.find_library("seccomp") or "libseccomp.so.2"
    lib = ctypes.CDLL(name, use_errno=True)
    lib.seccomp_init.restype = ctypes.c_void_p
    lib.seccomp_init.argtypes = [ctypes.c_uint32]
    lib.seccomp_rule_add_array.argtypes = [ctypes.c_void_p, ctypes.c_uint32, ctypes.c_int, ctypes.c_uint,
                                           ctypes.POINTER(_ArgCmp)]
    lib.seccomp_syscall_resolve_name.argtypes = [ctypes.c_char_p]
    lib.seccomp_attr_set.argtypes = [ctypes.c_void_p, ctypes.c_int, ctypes.c_uint32]
    lib.seccomp_load.argtypes = [ctypes.c_void_p]
    lib.seccomp_release.argtypes = [ctypes.c_void_p]
    context = lib.seccomp_init(_SCMP_ACT_ALLOW)
    if not context:
        raise OSError(errno.ENOMEM, "seccomp_init failed")
    try:
        refuse = 0x00050000 | errno.EACCES  # SCMP_ACT_ERRNO(EACCES)
        for family in (socket.AF_INET, socket.AF_INET6):
            rule = _ArgCmp(0, _SCMP_CMP_MASKED_EQ, 0xFFFFFFFF, family)
            _check(lib.seccomp_rule_add_array(context, refuse, lib.seccomp_syscall_resolve_name(b"socket"), 1,
                                              ctypes.byref(rule)))
        for call in (b"io_uring_setup", b"io_uring_enter", b"io_uring_register"):
            number = lib.seccomp_syscall_resolve_name(call)
            if number >= 0:
                _check(lib.seccomp_rule_add_array(context, 0x00050000 | errno.ENOSYS, number, 0, None))
        _check(lib.seccomp_attr_set(context, _SCMP_FLTATR_CTL_TSYNC, 1))
        _check(lib.seccomp_load(context))
    finally:
        lib.seccomp_release(context)


def _check(result: int) -> None:
    if result < 0:
        raise OSError(-result, os.strerror(-result))


_ARRANGE = {"network namespace": _network_namespace, "user and network namespace": _user_and_network_namespace,
            "seccomp": _seccomp}
