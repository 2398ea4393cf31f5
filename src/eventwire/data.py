"""Reading the packaged data files (TSV with '#' header comments, YAML)."""

from __future__ import annotations

from collections.abc import Iterator
from importlib.abc import Traversable
from pathlib import Path
from typing import Any

from eventwire.errors import DataFileError


def read_tsv(path: Traversable | Path) -> Iterator[dict[str, str]]:
    """Rows of a TSV data file as dicts; '#' lines are comments, the first other line names the columns."""
    with path.open("r", encoding="utf-8") as fh:
        lines = [ln.rstrip("\n").rstrip("\r") for ln in fh if ln.strip() and not ln.lstrip().startswith("#")]
    if not lines:
        return
    header = lines[0].split("\t")
    for n, line in enumerate(lines[1:], 2):
        cells = line.split("\t")
        if len(cells) > len(header):
            raise DataFileError(f"row {n} has {len(cells)} cells for {len(header)} columns", source=str(path))
        cells += [""] * (len(header) - len(cells))
        yield {k: v.strip() for k, v in zip(header, cells, strict=True)}


def _loader():
    """A safe YAML loader with YAML 1.2 booleans: only true/false are booleans. PyYAML's YAML 1.1 rules turn
    the words on/off/yes/no/y/n into booleans, which silently broke lexicon lists ("on", Spanish "no")."""
    import re

    import yaml

    class Loader(yaml.SafeLoader):
        def construct_mapping(self, node, deep=False):
            # a key written twice in one mapping silently lost its first value (a lexicon sense, a cue list)
            seen = set()
            for key_node, _ in node.value:
                key = self.construct_object(key_node, deep=deep)
                if key in seen:
                    raise yaml.constructor.ConstructorError(
                        None, None, f"duplicate key {key!r} (line {key_node.start_mark.line + 1})",
                        key_node.start_mark)
                seen.add(key)
            return super().construct_mapping(node, deep=deep)

    Loader.yaml_implicit_resolvers = {
        k: [(tag, rx) for tag, rx in v if tag != "tag:yaml.org,2002:bool"]
        for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()}
    Loader.add_implicit_resolver("tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
                                 list("tTfF"))
    return Loader


def read_yaml(path: Traversable | Path) -> Any:
    import yaml

    with path.open("r", encoding="utf-8") as fh:
        return yaml.load(fh, Loader=_loader())  # noqa: S506 - a SafeLoader subclass


