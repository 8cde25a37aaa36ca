"""Errors of the graph layer, each with a stable code and a message that says what to do next."""

from __future__ import annotations


class GraphError(Exception):
    """Base of every graph-layer error; ``code`` is stable (``G0xx``) for clients to branch on."""

    code = "G000"

    def __init__(self, message: str) -> None:
        super().__init__(f"[{self.code}] {message}")
        self.message = message


class NotFound(GraphError):
    """A unit, domain, region, directive, task or node named in a query is not in the graph."""

    code = "G001"

    def __init__(self, kind: str, name: str, suggestions: tuple[str, ...] = ()) -> None:
        hint = f" Did you mean: {', '.join(suggestions)}?" if suggestions else " Try `zwgk query search`."
        super().__init__(f"No {kind} matches {name!r}.{hint}")
        self.kind = kind
        self.name = name
        self.suggestions = suggestions


class InvalidArgument(GraphError):
    """A query parameter has a value the query cannot use (unknown role, depth < 1 …)."""

    code = "G002"


class SettingsError(GraphError):
    """An environment variable ``ZWGK_*`` has a value that cannot be used."""

    code = "G003"


class StoreError(GraphError):
    """The embedded store cannot be opened or written."""

    code = "G004"


class EngineUnavailable(GraphError):
    """The chosen engine cannot run here (missing module or unreachable server)."""

    code = "G005"
