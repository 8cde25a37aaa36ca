"""The SPARQL worker process: ``python -m api.sparql_worker FILE.nt`` answers queries on stdin.

It loads the N-Triples file into an in-memory Oxigraph store, prints
``{"status": "ready"}``, then reads one JSON request per line
(``{"query": …, "limit": …}``) and writes one JSON answer per line. It runs as a
separate process so that :class:`api.sparql.SparqlRunner` can stop a query that
runs too long by ending the process.
"""

from __future__ import annotations

import json
import sys
from typing import Any

import pyoxigraph as ox

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


def term_json(term: Any) -> dict[str, str]:
    """An Oxigraph term in the SPARQL 1.1 JSON results shape."""
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        out = {"type": "literal", "value": term.value}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype.value != XSD_STRING:
            out["datatype"] = term.datatype.value
        return out
    return {"type": "literal", "value": str(term)}


def answer(store: ox.Store, query: str, limit: int) -> dict[str, Any]:
    """Evaluate one query; more than ``limit`` rows or triples is reported, not returned."""
    try:
        result = store.query(query)
    except SyntaxError as exc:
        return {"status": "syntax", "message": str(exc)}
    if isinstance(result, ox.QueryBoolean):
        return {"status": "ok", "kind": "ask", "boolean": bool(result)}
    if isinstance(result, ox.QuerySolutions):
        names = [v.value for v in result.variables]
        rows = []
        for solution in result:
            if len(rows) == limit:
                return {"status": "too_many", "limit": limit}
            rows.append({n: term_json(solution[n]) for n in names if solution[n] is not None})
        return {"status": "ok", "kind": "select", "variables": names, "rows": rows}
    triples = []
    for triple in result:
        if len(triples) == limit:
            return {"status": "too_many", "limit": limit}
        triples.append(triple)
    text = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b""
    return {"status": "ok", "kind": "graph", "ntriples": text.decode("utf-8")}


def main(argv: list[str]) -> int:
    store = ox.Store()
    store.bulk_load(path=argv[1], format=ox.RdfFormat.N_TRIPLES)
    print(json.dumps({"status": "ready"}), flush=True)
    for line in sys.stdin:
        request = json.loads(line)
        try:
            reply = answer(store, request["query"], int(request["limit"]))
        except Exception as exc:  # noqa: BLE001 - reported to the server as an error answer
            reply = {"status": "error", "message": f"{type(exc).__name__}: {exc}"}
        print(json.dumps(reply, ensure_ascii=False), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
