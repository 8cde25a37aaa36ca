"""Refuse SPARQL and Cypher text that could write, before it reaches an engine.

The engines are read-only by construction too (SPARQL runs through
``Store.query``, which cannot execute an update; Cypher runs in a READ
access-mode session, which the server refuses to let write). This check comes
first so that a user gets a clear answer naming the offending word instead of a
syntax error or a server error, and so that nothing depends on one safeguard.

Both checks tokenise the text the way the language's lexer does: comments,
string literals, IRIs, variables and names cannot hide a keyword or smuggle one
in, and case does not matter (``InSeRt`` is ``INSERT``). SPARQL's ``\\uXXXX``
escapes are decoded first, as the SPARQL grammar requires. Oxigraph's parser
matches a keyword without needing a boundary after it, so it reads
``SERVICE:x`` and ``SERVICEex:x`` as ``SERVICE`` followed by a prefixed name.
Of the forbidden keywords only ``SERVICE`` may stand inside a query, where a
name could stand too, so a word or prefix that *begins* with it is refused as
``SERVICE``; the update keywords are not valid anywhere in a query, so a name
beginning with one (``load:add``) can only be a name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: SPARQL update operations and query features that reach outside the graph.
SPARQL_FORBIDDEN = (
    "INSERT",
    "DELETE",
    "LOAD",
    "CLEAR",
    "CREATE",
    "DROP",
    "COPY",
    "MOVE",
    "ADD",
    "WITH",
    "USING",
    "SERVICE",
)

#: Forbidden keywords valid inside a query, which the engine also reads when a name is glued on after them.
SPARQL_GLUED = ("SERVICE",)

#: Cypher clauses that write data or schema, and administration commands.
CYPHER_FORBIDDEN = (
    "CREATE",
    "MERGE",
    "DELETE",
    "DETACH",
    "SET",
    "REMOVE",
    "DROP",
    "LOAD",
    "FOREACH",
    "ALTER",
    "GRANT",
    "REVOKE",
    "DENY",
    "RENAME",
    "START",
    "STOP",
    "TERMINATE",
    "ENABLE",
    "IMPORT",
    "FINISH",
)

#: Procedures a read-only Cypher query may CALL (schema introspection, no side effects).
CYPHER_READ_PROCEDURES = (
    "db.labels",
    "db.relationshiptypes",
    "db.propertykeys",
    "db.schema.visualization",
    "db.schema.nodetypeproperties",
    "db.schema.reltypeproperties",
    "dbms.components",
)


@dataclass(frozen=True)
class Refusal:
    """Why a query was refused: the keyword and where it stands."""

    keyword: str
    position: int
    message: str


_SPARQL_UNICODE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")

_SPARQL_TOKENS = re.compile(
    r"""
      (?P<comment>\#[^\n\r]*)
    | (?P<string>'''(?:[^'\\]|\\.|'(?!''))*'''|\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
                |'(?:[^'\\\n\r]|\\.)*'|"(?:[^"\\\n\r]|\\.)*")
    | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
    | (?P<var>[?$][\w\u00b7\u0300-\u036f\u203f-\u2040]+)
    | (?P<pname>[A-Za-z\u00c0-\uffff][\w.\-\u00b7\u00c0-\uffff]*:[\w.\-:%\\\u00b7\u00c0-\uffff]*|:[\w.\-:%\\\u00b7\u00c0-\uffff]*)
    | (?P<word>[A-Za-z_]+)
    | (?P<other>.)
    """,
    re.VERBOSE | re.DOTALL,
)

_CYPHER_TOKENS = re.compile(
    r"""
      (?P<comment>//[^\n\r]*|/\*.*?(?:\*/|\Z))
    | (?P<string>'(?:[^'\\]|\\.)*(?:'|\Z)|"(?:[^"\\]|\\.)*(?:"|\Z))
    | (?P<quoted>`(?:[^`]|``)*(?:`|\Z))
    | (?P<param>\$\w+)
    | (?P<member>[.:]\s*[A-Za-z_]\w*)
    | (?P<key>[A-Za-z_]\w*(?=\s*:(?!:)))
    | (?P<word>[A-Za-z_][\w.]*)
    | (?P<space>\s+)
    | (?P<other>.)
    """,
    re.VERBOSE | re.DOTALL,
)


def _decode_sparql_escapes(text: str) -> str:
    def repl(match: re.Match[str]) -> str:
        return chr(int(match.group(1) or match.group(2), 16))

    return _SPARQL_UNICODE.sub(repl, text)


def _sparql_keywords(text: str) -> list[tuple[str, int]]:
    """(keyword, offset) for each forbidden keyword of ``text`` as the engine may read it, glued or not."""
    found = []
    for m in _SPARQL_TOKENS.finditer(text):
        if m.lastgroup not in ("word", "pname"):
            continue
        head = m.group().split(":", 1)[0].upper()
        if m.lastgroup == "word" and head in SPARQL_FORBIDDEN:
            found.append((head, m.start()))
        elif glued := next((k for k in SPARQL_GLUED if head.startswith(k)), None):
            found.append((glued, m.start()))
    return found


def check_sparql(query: str) -> Refusal | None:
    """``None`` when ``query`` is a read-only SPARQL query, else why it is refused."""
    text = _decode_sparql_escapes(query)
    for word, at in _sparql_keywords(text):
        what = "reaches another endpoint" if word == "SERVICE" else "is a SPARQL update"
        return Refusal(
            word,
            at,
            f"Refused: {word} {what}; this endpoint is read-only "
            "(SELECT, ASK, CONSTRUCT and DESCRIBE over this graph only).",
        )
    return None


def _scoped_subquery(tokens: list[re.Match[str]], at: int) -> bool:
    """Whether ``tokens[at:]`` is ``( variables ) {`` — a scoped subquery (Cypher 5.23+), not a procedure."""
    if at >= len(tokens) or tokens[at].group() != "(":
        return False
    for j in range(at + 1, len(tokens)):
        if tokens[j].group() == ")":
            return j + 1 < len(tokens) and tokens[j + 1].group() == "{"
        if tokens[j].lastgroup != "word" and tokens[j].group() not in (",", "*"):
            return False
    return False


def check_cypher(statement: str) -> Refusal | None:
    """``None`` when ``statement`` is read-only Cypher, else why it is refused."""
    tokens = [m for m in _CYPHER_TOKENS.finditer(statement) if m.lastgroup not in ("comment", "space")]
    for i, token in enumerate(tokens):
        if token.lastgroup != "word":
            continue
        word = token.group().upper()
        if word in CYPHER_FORBIDDEN:
            return Refusal(
                word,
                token.start(),
                f"Refused: {word} writes to the database or changes it; this endpoint is read-only "
                "(MATCH … RETURN).",
            )
        if word == "CALL":
            nxt = tokens[i + 1] if i + 1 < len(tokens) else None
            if nxt is not None and nxt.group() == "{" or _scoped_subquery(tokens, i + 1):
                continue  # a subquery: its own clauses are checked like the rest
            name = nxt.group().lower() if nxt is not None and nxt.lastgroup == "word" else ""
            if name not in CYPHER_READ_PROCEDURES:
                shown = nxt.group() if nxt is not None else ""
                return Refusal(
                    "CALL",
                    token.start(),
                    f"Refused: CALL {shown} is not one of the read-only procedures allowed here "
                    f"({', '.join(CYPHER_READ_PROCEDURES)}).",
                )
    return None
