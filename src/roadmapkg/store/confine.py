"""Limits for a child server process on Linux, set between fork and exec: it is killed when its
parent dies (even by `kill -9`), and it may be kept from opening network connections."""

from __future__ import annotations

import ctypes
import os
import platform
import signal
import struct
import sys
from collections.abc import Callable

from ..errors import RoadmapError

PR_SET_PDEATHSIG = 1
PR_SET_SECCOMP = 22
PR_SET_NO_NEW_PRIVS = 38
SECCOMP_MODE_FILTER = 2
SECCOMP_RET_ALLOW = 0x7FFF0000
SECCOMP_RET_EPERM = 0x00050000 | 1  # SECCOMP_RET_ERRNO with errno EPERM

# the audit architecture and the number of connect(2) on the machines seccomp is set up for
CONNECT = {"x86_64": (0xC000003E, 42), "aarch64": (0xC00000B7, 203)}


class SockFprog(ctypes.Structure):
    _fields_ = [("len", ctypes.c_ushort), ("filter", ctypes.c_char_p)]


def no_connect_filter() -> bytes | None:
    """A seccomp BPF program failing every connect(2) with EPERM (None off Linux or on another
    machine): a server can still listen and answer, but fetches nothing."""
    if sys.platform != "linux" or platform.machine() not in CONNECT:
        return None
    arch, connect = CONNECT[platform.machine()]

    def op(code: int, k: int, jt: int = 0, jf: int = 0) -> bytes:
        return struct.pack("HBBI", code, jt, jf, k)

    load, jeq, ret = 0x20, 0x15, 0x06  # BPF_LD|BPF_W|BPF_ABS, BPF_JMP|BPF_JEQ|BPF_K, BPF_RET|BPF_K
    return b"".join(
        [
            op(load, 4),  # seccomp_data.arch
            op(jeq, arch, 1, 0),
            op(ret, SECCOMP_RET_ALLOW),
            op(load, 0),  # seccomp_data.nr
            op(jeq, connect, 0, 1),
            op(ret, SECCOMP_RET_EPERM),
            op(ret, SECCOMP_RET_ALLOW),
        ]
    )


def child_limits(allow_network: bool) -> Callable[[], None] | None:
    """A `preexec_fn` for subprocess.Popen: the child gets SIGKILL when the thread that started
    it ends (its data is temporary), and unless `allow_network` it cannot connect to anything.
    Prepared here, before the fork; None off Linux (with the network allowed)."""
    program = None if allow_network else no_connect_filter()
    if not allow_network and program is None:
        raise RoadmapError(
            "this system cannot keep the server from fetching URLs (SPARQL SERVICE): "
            "give --allow-network to serve anyway"
        )
    if sys.platform != "linux":
        return None
    libc = ctypes.CDLL(None, use_errno=True)
    parent = os.getpid()
    program = program or b""
    buffer = ctypes.create_string_buffer(program, len(program) or 1)  # fprog refers to it
    fprog = SockFprog(len(program) // 8, ctypes.cast(buffer, ctypes.c_char_p))

    def limit() -> None:
        """In the child, between fork and exec; raising makes Popen raise SubprocessError."""
        if libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) or os.getppid() != parent:
            raise OSError(ctypes.get_errno(), "cannot tie the server to its parent")
        if program and (
            libc.prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0)
            or libc.prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, ctypes.byref(fprog), 0, 0)
        ):
            raise OSError(ctypes.get_errno(), "cannot keep the server off the network")

    return limit
