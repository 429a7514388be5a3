"""What machine a benchmark ran on: printed beside every figure."""

from __future__ import annotations

import os
import platform
from importlib.metadata import PackageNotFoundError, version


def machine_report() -> dict:
    cpu = platform.processor() or "unknown"
    try:
        with open("/proc/cpuinfo") as handle:
            cpu = next(line.split(":", 1)[1].strip() for line in handle
                       if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    packages = {}
    for name in ("torch", "sentence-transformers", "faiss-cpu", "numpy", "fastapi"):
        try:
            packages[name] = version(name)
        except PackageNotFoundError:
            packages[name] = None
    return {"cpu": cpu, "cores": os.cpu_count(), "python": platform.python_version(),
            "platform": platform.platform(), "packages": packages}


def print_machine(report: dict | None = None) -> None:
    report = report or machine_report()
    versions = ", ".join(f"{k} {v}" for k, v in report["packages"].items() if v)
    print(f"machine: {report['cpu']}, {report['cores']} cores, Python {report['python']}, "
          f"{report['platform']}")
    print(f"versions: {versions}")
