"""Prometheus metrics: requests and latency per route, index size, the last re-index."""

from __future__ import annotations

import time

from fastapi import FastAPI, Request, Response
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    generate_latest,
)

# Request methods counted by name; any other method name a client sends is counted as
# "other", so clients cannot make up label values (each one a new time series).
KNOWN_METHODS = {"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"}


class Metrics:
    def __init__(self):
        self.registry = CollectorRegistry()  # one per app, so several apps can live in a process
        self.requests = Counter("missive_http_requests_total", "HTTP requests",
                                ["method", "route", "status"], registry=self.registry)
        self.latency = Histogram("missive_http_request_seconds", "HTTP request latency",
                                 ["method", "route"], registry=self.registry,
                                 buckets=(.005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10, 30))
        self.letters = Gauge("missive_index_letters", "Letters in the index", registry=self.registry)
        self.passages = Gauge("missive_index_passages", "Passages in the index",
                              registry=self.registry)
        self.generation = Gauge("missive_index_generation", "Index generation",
                                registry=self.registry)
        self.reindex_time = Gauge("missive_last_reindex_timestamp_seconds",
                                  "When the last re-index finished", registry=self.registry)
        self.reindex_ok = Gauge("missive_last_reindex_success",
                                "1 if the last re-index completed, 0 if it failed",
                                registry=self.registry)
        self.reindex_seconds = Gauge("missive_last_reindex_duration_seconds",
                                     "How long the last re-index took", registry=self.registry)

    def install(self, app: FastAPI) -> None:
        @app.middleware("http")
        async def measure(request: Request, call_next):
            began = time.perf_counter()
            status = 500
            try:
                response = await call_next(request)
                status = response.status_code
                return response
            finally:
                route = request.scope.get("route")
                name = getattr(route, "path", "unmatched")
                method = request.method if request.method in KNOWN_METHODS else "other"
                self.requests.labels(method, name, str(status)).inc()
                self.latency.labels(method, name).observe(time.perf_counter() - began)

    def record_reindex(self, ok: bool, seconds: float) -> None:
        self.reindex_time.set(time.time())
        self.reindex_ok.set(1 if ok else 0)
        self.reindex_seconds.set(seconds)

    def render(self, stats) -> Response:
        self.letters.set(stats.letters)
        self.passages.set(stats.passages)
        self.generation.set(stats.generation)
        return Response(generate_latest(self.registry), media_type=CONTENT_TYPE_LATEST)
