"""A Kolada API on 127.0.0.1, in a thread, with real sockets: pages, changes and failures.

It answers in the documented shape ({"values", "count", "previous_page", "next_page"}),
pages by ``per_page`` (capped by ``page_size``), answers ``from_date`` queries with
``changes``, and serves the scripted answers in ``script`` first (a 429, a 500, a malformed
body, a slow answer). Every request's path and query is kept in ``requests``.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit


@dataclass
class Scripted:
    """A scripted answer; status 0 passes the request on to the normal answer."""

    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0


def item(kpi: str, municipality: str, period: int, values: dict[str, Any], **extra: Any) -> dict:
    """A data item with one value per gender ({"T": 7.5, "K": None, ...})."""
    return {
        "kpi": kpi,
        "municipality": municipality,
        "period": period,
        "values": [
            {"count": 1, "gender": gender, "status": "", "value": value}
            for gender, value in values.items()
        ],
        **extra,
    }


@dataclass
class FakeKolada:
    items: list[dict] = field(default_factory=list)
    changes: list[dict] = field(default_factory=list)
    kpis: list[dict] = field(default_factory=list)
    script: list[Scripted] = field(default_factory=list)
    requests: list[tuple[str, dict[str, str]]] = field(default_factory=list)
    page_size: int = 5000
    base_url: str = ""

    def data_requests(self) -> list[dict[str, str]]:
        return [query for path, query in self.requests if "/data/" in path]

    def answer(self, path: str, query: dict[str, str]) -> Scripted:
        if self.script:
            scripted = self.script.pop(0)
            if scripted.status:
                return scripted
        parts = path.strip("/").split("/")
        if parts[:1] != ["v2"]:
            return Scripted(404, b"not found")
        route = parts[1:]
        if route == ["kpi"]:
            title = query.get("title", "").lower()
            values = [kpi for kpi in self.kpis if title in kpi["title"].lower()]
        elif route[:2] == ["data", "kpi"]:
            values = self._data(route, query)
        else:
            return Scripted(404, b'{"error": "unknown route"}')
        return self._page(path, query, values)

    def _data(self, route: list[str], query: dict[str, str]) -> list[dict]:
        dims = dict(zip(route[1::2], route[2::2], strict=False))
        kpis = dims["kpi"].split(",")
        places = dims.get("municipality", "").split(",") if "municipality" in dims else None
        years = [int(year) for year in dims["year"].split(",")] if "year" in dims else None
        source = self.changes if "from_date" in query else self.items
        return [
            entry
            for entry in source
            if entry["kpi"] in kpis
            and (places is None or entry["municipality"] in places)
            and (years is None or entry["period"] in years)
        ]

    def _page(self, path: str, query: dict[str, str], values: list[dict]) -> Scripted:
        size = min(int(query.get("per_page", "5000")), self.page_size)
        page = int(query.get("page", "1"))
        chunk = values[(page - 1) * size : page * size]

        def link(number: int) -> str:
            return f"{self.base_url}{path}?{urlencode({**query, 'page': str(number)})}"

        body = {
            "values": chunk,
            "count": len(chunk),
            "previous_page": link(page - 1) if page > 1 else None,
            "next_page": link(page + 1) if page * size < len(values) else None,
        }
        return Scripted(200, json.dumps(body, default=float).encode())


class _Handler(BaseHTTPRequestHandler):
    server: _Server

    def do_GET(self) -> None:
        split = urlsplit(self.path)
        query = {key: values[-1] for key, values in parse_qs(split.query).items()}
        fake = self.server.fake
        fake.requests.append((split.path, query))
        answer = fake.answer(split.path, query)
        if answer.delay:
            time.sleep(answer.delay)
        try:
            self.send_response(answer.status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(answer.body)))
            for name, value in answer.headers.items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(answer.body)
        except OSError:
            pass  # the client gave up waiting (the timeout test)

    def log_message(self, *_: object) -> None:
        pass


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    fake: FakeKolada


@contextmanager
def serve(fake: FakeKolada) -> Iterator[FakeKolada]:
    server = _Server(("127.0.0.1", 0), _Handler)
    server.fake = fake
    fake.base_url = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, args=(0.02,), daemon=True)
    thread.start()
    try:
        yield fake
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
