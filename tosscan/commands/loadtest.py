"""`tosscan loadtest`: start `tosscan serve` on a free loopback port and measure POST /api/v1/scan under load.

Clients send the same document back to back (a closed loop); the run stops after --requests or --duration,
whichever comes first, and reports requests per second, latency percentiles and errors. Loopback only.
"""
from __future__ import annotations

import asyncio
import json
import os
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import typer


@dataclass
class LoadResult:
    clients: int
    latencies: list[float] = field(default_factory=list)  # seconds, successful requests only
    errors: dict[str, int] = field(default_factory=dict)
    elapsed: float = 0.0

    @property
    def requests(self) -> int:
        return len(self.latencies) + sum(self.errors.values())

    def percentile(self, p: float) -> float:
        ordered = sorted(self.latencies)
        if not ordered:
            return float("nan")
        return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]

    def summary(self) -> dict:
        ms = lambda s: round(s * 1000, 1)  # noqa: E731
        return {"clients": self.clients, "requests": self.requests, "errors": sum(self.errors.values()),
                "error_kinds": self.errors, "seconds": round(self.elapsed, 2),
                "requests_per_second": round(self.requests / self.elapsed, 1) if self.elapsed else 0.0,
                "p50_ms": ms(self.percentile(50)), "p90_ms": ms(self.percentile(90)),
                "p99_ms": ms(self.percentile(99)), "max_ms": ms(max(self.latencies, default=float("nan")))}


async def run_load(base_url: str, payload: dict, clients: int, requests: int, duration: float) -> LoadResult:
    import httpx

    result = LoadResult(clients)
    body = json.dumps(payload).encode()
    headers = {"content-type": "application/json"}
    deadline = time.monotonic() + duration
    remaining = requests

    async def client(http: httpx.AsyncClient) -> None:
        nonlocal remaining
        while remaining > 0 and time.monotonic() < deadline:
            remaining -= 1
            started = time.perf_counter()
            try:
                response = await http.post("/api/v1/scan", content=body, headers=headers)
                kind = None if response.status_code == 200 else f"http {response.status_code}"
            except httpx.HTTPError as exc:
                kind = type(exc).__name__
            if kind is None:
                result.latencies.append(time.perf_counter() - started)
            else:
                result.errors[kind] = result.errors.get(kind, 0) + 1

    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(base_url=base_url, timeout=60.0, limits=limits, trust_env=False) as http:
        started = time.perf_counter()
        await asyncio.gather(*(client(http) for _ in range(clients)))
        result.elapsed = time.perf_counter() - started
    return result


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until_ready(base_url: str, server: subprocess.Popen, timeout: float = 120.0) -> None:
    import httpx

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"tosscan serve exited with code {server.returncode} before it was ready")
        try:
            if httpx.get(f"{base_url}/healthz", timeout=2.0, trust_env=False).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"tosscan serve did not answer on {base_url} within {timeout:.0f} s")


def start_server(port: int, workers: int) -> subprocess.Popen:
    command = [sys.executable, "-m", "tosscan.cli", "serve", "--host", "127.0.0.1", "--port", str(port),
               "--workers", str(workers)]
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    return subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=True)


def stop_server(server: subprocess.Popen) -> None:
    if server.poll() is None:
        os.killpg(server.pid, signal.SIGINT)  # the server's own process group: uvicorn and its workers
        try:
            server.wait(15)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait(5)


def register(app: typer.Typer) -> None:
    @app.command()
    def loadtest(
        path: Path = typer.Argument(..., help="The document every request scans (.txt .md .html .pdf)."),
        clients: int = typer.Option(20, "--clients", min=1, max=200, help="Concurrent clients."),
        requests: int = typer.Option(600, "--requests", min=1, max=100_000, help="Stop after this many requests."),
        duration: float = typer.Option(60.0, "--duration", min=1, max=600, help="Stop after this many seconds."),
        warmup: int = typer.Option(10, "--warmup", min=0, help="Untimed requests sent first."),
        serial: int = typer.Option(20, "--serial", min=0,
                                   help="Requests sent one at a time first: the service time the concurrent run "
                                        "is compared with."),
        workers: int = typer.Option(1, "--workers", min=1, max=16, help="Server worker processes."),
        as_json: bool = typer.Option(False, "--json", help="Print the result as JSON."),
    ) -> None:
        """Benchmark the web API against a `tosscan serve` this command starts and stops (loopback only)."""
        from .. import ingest
        from ..errors import TosscanError

        try:
            text = ingest.from_path(path).text
        except TosscanError as exc:
            typer.echo(f"error: {exc}", err=True)
            raise typer.Exit(2)
        port = free_port()
        base_url = f"http://127.0.0.1:{port}"
        server = start_server(port, workers)
        try:
            wait_until_ready(base_url, server)
            payload = {"text": text}
            if warmup:
                asyncio.run(run_load(base_url, payload, min(clients, warmup), warmup, duration))
            baseline = asyncio.run(run_load(base_url, payload, 1, serial, duration)) if serial else None
            result = asyncio.run(run_load(base_url, payload, clients, requests, duration))
        except RuntimeError as exc:
            typer.echo(f"error: {exc}", err=True)
            raise typer.Exit(2)
        finally:
            stop_server(server)
        summary = {"document": str(path), "words": len(text.split()), "workers": workers, **result.summary()}
        if baseline is not None:
            # One request at a time: the cost of one scan through HTTP. Under a closed loop of N clients the
            # expected p50 is about N x this / the cores that scan in parallel (Little's law).
            summary["serial_p50_ms"] = baseline.summary()["p50_ms"]
            summary["p50_over_serial"] = round(summary["p50_ms"] / summary["serial_p50_ms"], 1)
        if as_json:
            typer.echo(json.dumps(summary, indent=2))
        else:
            typer.echo(f"{summary['requests']} requests from {clients} clients in {summary['seconds']} s "
                       f"({summary['words']:,}-word document, {workers} worker(s)): "
                       f"{summary['requests_per_second']} requests/s, p50 {summary['p50_ms']} ms, "
                       f"p90 {summary['p90_ms']} ms, p99 {summary['p99_ms']} ms, errors {summary['errors']}")
            if baseline is not None:
                typer.echo(f"one request at a time: p50 {summary['serial_p50_ms']} ms "
                           f"(concurrent p50 = {summary['p50_over_serial']} x that)")
        raise typer.Exit(1 if summary["errors"] else 0)
