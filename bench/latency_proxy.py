#!/usr/bin/env python3
"""A far target on this machine: a loopback TCP proxy that delays every chunk it forwards, each way.

    .venv/bin/python bench/latency_proxy.py --upstream 8080 [--port 0] [--one-way-ms 25] [--max-seconds 900]

What the client sends reaches the upstream `one_way` later, and its answers come back `one_way` later
again: a round trip of twice that per request, as from a sandbox in another region. A new connection
costs one round trip more before its first byte goes on (the TCP handshake of a far host). Chunks keep
their order. It listens on 127.0.0.1 and forwards to 127.0.0.1 only, accepts a bounded number of
connections, and stops by itself after `max_seconds`.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import sys
import threading
from collections.abc import Iterator

HOST = "127.0.0.1"
CHUNK = 65536


class LatencyProxy:
    """The proxy on its own event loop, in a thread of this process."""

    def __init__(self, upstream_port: int, one_way_s: float = 0.025, max_seconds: float = 900.0,
                 max_connections: int = 20000, port: int = 0) -> None:
        self.upstream_port, self.one_way, self.port = upstream_port, one_way_s, port
        self.max_seconds, self.connections_left = max_seconds, max_connections
        self.loop = asyncio.new_event_loop()
        self._started = threading.Event()
        self._stop: asyncio.Event | None = None
        self._thread = threading.Thread(target=self._run, name="latency-proxy", daemon=True)

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self.port}"

    def start(self) -> str:
        self._thread.start()
        if not self._started.wait(10):
            raise RuntimeError("the latency proxy did not start")
        return self.url

    def stop(self) -> None:
        if self._stop is not None:
            self.loop.call_soon_threadsafe(self._stop.set)
        self._thread.join(10)

    def __enter__(self) -> str:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def _run(self) -> None:
        self.loop.run_until_complete(self._serve())
        self.loop.close()

    async def _serve(self) -> None:
        self._stop = asyncio.Event()
        server = await asyncio.start_server(self._connection, HOST, self.port)
        self.port = server.sockets[0].getsockname()[1]
        self._started.set()
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._stop.wait(), self.max_seconds)  # it stops by itself
        server.close()
        pending = [task for task in asyncio.all_tasks() if task is not asyncio.current_task()]
        for task in pending:
            task.cancel()
        await asyncio.gather(*pending, return_exceptions=True)

    async def _connection(self, client_in: asyncio.StreamReader, client_out: asyncio.StreamWriter) -> None:
        self.connections_left -= 1
        if self.connections_left < 0:
            client_out.close()
            return
        opened = self.loop.time()
        try:
            upstream_in, upstream_out = await asyncio.open_connection(HOST, self.upstream_port)
        except OSError:
            client_out.close()
            return
        # The handshake of a far host: its first byte can go only a round trip after the connection opened.
        handshake = opened + 2 * self.one_way
        try:
            await asyncio.gather(self._pump(client_in, upstream_out, handshake),
                                 self._pump(upstream_in, client_out, 0.0), return_exceptions=True)
        except asyncio.CancelledError:  # the proxy stops: its connections end with it
            for writer in (client_out, upstream_out):
                writer.close()

    async def _pump(self, source: asyncio.StreamReader, sink: asyncio.StreamWriter, not_before: float) -> None:
        """Forward each chunk `one_way` after it arrived (never before `not_before`), in order."""
        queue: asyncio.Queue[tuple[float, bytes]] = asyncio.Queue()
        writer = asyncio.ensure_future(self._deliver(queue, sink))
        try:
            while chunk := await source.read(CHUNK):
                queue.put_nowait((max(self.loop.time(), not_before) + self.one_way, chunk))
        except OSError:
            pass
        queue.put_nowait((self.loop.time() + self.one_way, b""))
        await writer

    async def _deliver(self, queue: asyncio.Queue[tuple[float, bytes]], sink: asyncio.StreamWriter) -> None:
        try:
            while True:
                due, chunk = await queue.get()
                await asyncio.sleep(max(0.0, due - self.loop.time()))
                if not chunk:
                    break
                sink.write(chunk)
                await sink.drain()
        except OSError:
            pass
        finally:
            with contextlib.suppress(OSError, RuntimeError):
                sink.close()


@contextlib.contextmanager
def far(upstream_url: str, round_trip_s: float) -> Iterator[str]:
    """`upstream_url` (a loopback http URL) as seen across a round trip of `round_trip_s`: the proxy's URL."""
    host, _, port = upstream_url.removeprefix("http://").rstrip("/").partition(":")
    if host != HOST:
        raise ValueError(f"the latency proxy forwards to {HOST} only, not {host}")
    with LatencyProxy(int(port), one_way_s=round_trip_s / 2) as url:
        yield url


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--upstream", type=int, required=True, help=f"the port on {HOST} to forward to")
    parser.add_argument("--port", type=int, default=0, help=f"the port on {HOST} to listen on (default: any free one)")
    parser.add_argument("--one-way-ms", type=float, default=25.0, help="delay each way (default 25 ms)")
    parser.add_argument("--max-seconds", type=float, default=900.0, help="stop after this long (default 900 s)")
    args = parser.parse_args(argv)
    proxy = LatencyProxy(args.upstream, args.one_way_ms / 1000, args.max_seconds, port=args.port)
    print(f"forwarding {proxy.start()} to {HOST}:{args.upstream}, {args.one_way_ms:g} ms each way", flush=True)
    proxy._thread.join()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
