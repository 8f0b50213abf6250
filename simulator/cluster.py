"""A Dask cluster for work that outgrows one machine (``--dask ADDRESS``: a sweep's points, a run's Monte Carlo
replicas): the address checked and connected to within a bound, the shared inputs sent once to every worker,
the chunks submitted and gathered in their own order, and one chunk at a time in a worker process."""

from __future__ import annotations

import threading

CONNECT_SECONDS = 20  # for a Dask scheduler to answer (a port that accepts and says nothing once hung a sweep)
CHUNKS_PER_THREAD = 4
# one chunk at a time in a process: the kernels already use every core, and Numba's default threading layer
# (workqueue) must not be entered by two threads at once (a worker of several threads, or several workers in one
# process)
LOCK = threading.Lock()


class ClusterError(ValueError):
    """A cluster that cannot be used (said in words; the command exits 2)."""


def reachable(address: str) -> None:
    """A TCP address that refuses connections is said at once (Dask's client would retry until its timeout)."""
    import socket

    from distributed.comm import get_address_host_port

    if "://" in address and address.split("://")[0] not in ("tcp", "tls"):
        return  # another transport (inproc, ucx): Dask's client says
    try:
        host, port = get_address_host_port(address if "://" in address else f"tcp://{address}")
    except ValueError as exc:
        raise ClusterError(f"--dask {address}: not a scheduler address, e.g. tcp://10.0.0.5:8786 ({exc})") from None
    try:
        socket.create_connection((host, port), timeout=5).close()
    except OSError as exc:
        raise ClusterError(f"--dask {address}: no Dask scheduler answers there ({exc.strerror or exc})") from None


def connect(client_class, address: str):
    """(a Dask client, the cluster's worker threads), or ClusterError when no scheduler answers within
    CONNECT_SECONDS: Dask's own timeout does not bound every step of a handshake with a silent peer, so the
    connection is made in a thread of its own and waited for."""
    box: dict = {}

    def attempt():
        try:
            box["client"] = client_class(address, timeout="10s", set_as_default=False)
            box["threads"] = sum(box["client"].nthreads().values())
        except BaseException as exc:  # said below, in words
            box["error"] = exc

    worker = threading.Thread(target=attempt, daemon=True, name="regrade-dask-connect")
    worker.start()
    worker.join(CONNECT_SECONDS)
    if worker.is_alive() or "threads" not in box:
        exc = box.get("error")
        why = f"{type(exc).__name__}: {exc}" if exc else f"nothing answered as a Dask scheduler in {CONNECT_SECONDS} s"
        raise ClusterError(f"--dask {address}: no Dask scheduler answers there ({why})")
    return box["client"], box["threads"]


def chunked(items: list, threads: int) -> list[list]:
    """``items`` in about CHUNKS_PER_THREAD chunks per worker thread, in order."""
    size = max(1, -(-len(items) // (CHUNKS_PER_THREAD * threads)))
    return [items[i: i + size] for i in range(0, len(items), size)]


def map_chunks(address: str, task, shared: list, items: list, done=None) -> list:
    """``task(key, *shared, chunk)`` for each chunk of ``items`` on the cluster at ``address``: ``shared`` sent
    once to every worker, ``key`` naming this job (a worker keeps what it prepares for it under that key); the
    chunks' results (lists) joined in the items' order, whatever order they finish in. ``done(result)`` is called
    as each chunk comes back (for progress)."""
    import uuid

    try:
        from distributed import Client, as_completed
    except ImportError:
        raise ClusterError("--dask needs Dask's distributed scheduler: pip install 'regrade[dask]'") from None
    reachable(address)
    client, threads = connect(Client, address)
    with client:
        if not threads:
            raise ClusterError(f"--dask {address}: the scheduler has no workers")
        chunks = chunked(items, threads)
        key = uuid.uuid4().hex
        sent = client.scatter(shared, broadcast=True)
        futures = {client.submit(task, key, *sent, c, pure=False): i for i, c in enumerate(chunks)}
        results: dict[int, list] = {}
        with client.as_current():  # as_completed finds the client this way, not by an argument
            for fut in as_completed(futures):
                results[futures[fut]] = fut.result()
                if done:
                    done(results[futures[fut]])
    return [row for i in range(len(chunks)) for row in results[i]]


_KEPT: dict = {}  # on a worker: what one job prepared (a sweep's recoster, a run's start), for its later chunks


def kept(key: str, make):
    """What ``make()`` gives, made once per job ``key`` in this worker process (one job's kept at a time: the
    last one's arrays go). Call it holding LOCK."""
    if key not in _KEPT:
        _KEPT.clear()
        _KEPT[key] = make()
    return _KEPT[key]
