"""The safe YAML loader lives in `invite_lint.yamlio` (languages read it too, below the
packs); this name stays for the code and the packs' users that import it from here."""

from ..yamlio import MAX_EXPANDED_NODES, MAX_FILE_BYTES, LineList, LineMap, load_file, loads

__all__ = ["MAX_EXPANDED_NODES", "MAX_FILE_BYTES", "LineList", "LineMap", "load_file", "loads"]
