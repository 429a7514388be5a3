"""Where an embedding model's files are: a folder, or the folder an installed package ships.
Nothing is ever downloaded. Shared by both embedders (`embedder.py`, `onnx_int8.py`)."""

from __future__ import annotations

import importlib
from pathlib import Path


class ModelNotFound(Exception):
    pass


def resolve_model_path(model: str) -> Path:
    """A folder path as is; a package name -> the model folder the package ships."""
    path = Path(model).expanduser()
    if path.is_dir():
        return path
    module_name = model.replace("-", "_")
    try:
        module = importlib.import_module(module_name)
    except ImportError:
        raise ModelNotFound(
            f"embedding model {model!r} is neither a folder nor an installed package; "
            f"install it (pip install {model}) or set MISSIVE_MODEL to a model folder"
        ) from None
    getter = getattr(module, "get_model_path", None)
    folder = Path(getter()) if getter else Path(getattr(module, "MODEL_DIR", ""))
    if not folder.is_dir():
        raise ModelNotFound(f"package {model!r} does not ship a model folder")
    return folder
