"""Reading the shipped YAML data files (the library, the program templates)."""

from __future__ import annotations

from pathlib import Path

import yaml


class DataFileError(Exception):
    """The file cannot be read or is not YAML; the message says which."""


def read_yaml(path: Path) -> object:
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise DataFileError(f"cannot be read: {error.strerror}") from error
    except yaml.YAMLError as error:
        raise DataFileError(f"is not valid YAML: {error}") from error
