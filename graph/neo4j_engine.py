"""The Neo4j engine: the graph model in a Neo4j 5 server over Bolt, every fetch in Cypher.

It answers the fetches of :class:`graph.engine.Engine` with the same facts (ids and props) as the
embedded engine, so :mod:`graph.queries` gives identical answers on it. Every read runs in a READ
access-mode transaction, which the server refuses to let write; :meth:`Neo4jEngine.read_cypher` is the
entry point of the product's read-only Cypher endpoint. While the server is unreachable, queries retry
for a couple of seconds and loads for minutes (:mod:`graph.neo4j_retry`), then fail with one clear
:class:`EngineUnavailable` line.

The layout in Neo4j and the batched loading are in :mod:`graph.neo4j_load`.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from typing import Any, TypeVar

from neo4j import READ_ACCESS, WRITE_ACCESS, GraphDatabase, Query

from graph.engine import AssignmentFact, AssignmentFilter, EdgeDirection
from graph.errors import EngineUnavailable
from graph.model import Edge, GraphModel, Node
from graph.neo4j_load import BATCH_SIZE, NODE_LABEL, label, load_model
from graph.neo4j_queries import assignments_query
from graph.neo4j_retry import READS, WRITES, RetryPolicy, run_with_retries
from graph.ranked_search import page_of

T = TypeVar("T")
#: Seconds to open a connection: an unreachable host (no refusal, packets dropped) must not use up a
#: query's retry budget in one attempt (the driver's default is 30 s).
CONNECT_TIMEOUT_S = 3.0
_NODE = "n.id AS id, [l IN labels(n) WHERE l <> 'Node'][0] AS type, properties(n) AS props"
_EDGE = "r.id AS id, startNode(r).id AS src, endNode(r).id AS dst, type(r) AS type, properties(r) AS props"


def _node(row: dict[str, Any]) -> Node:
    props = dict(row["props"])
    props.pop("id", None)
    return Node(row["id"], row["type"], props)


def _edge(row: dict[str, Any]) -> Edge:
    props = dict(row["props"])
    props.pop("id", None)
    return Edge(row["id"], row["src"], row["dst"], row["type"], props)


class Neo4jEngine:
    """A graph in a Neo4j server; ``uri``/``user``/``password`` default to the ``ZWGK_NEO4J_*`` settings."""

    name = "neo4j"

    def __init__(
        self,
        uri: str | None = None,
        user: str | None = None,
        password: str | None = None,
        *,
        database: str | None = None,
        batch_size: int = BATCH_SIZE,
        read_retry: RetryPolicy = READS,
        write_retry: RetryPolicy = WRITES,
    ) -> None:
        if uri is None:
            from graph.settings import load_settings

            settings = load_settings()
            uri, user, password = (
                settings.neo4j_uri,
                user or settings.neo4j_user,
                password or settings.neo4j_password,
            )
        if not uri:
            raise EngineUnavailable(
                "The neo4j engine needs a Bolt URI: set ZWGK_NEO4J_URI (bolt://host:7687)."
            )
        self.uri = uri
        self.generation = 0
        self.database = database
        self.batch_size = batch_size
        self.read_retry = read_retry
        self.write_retry = write_retry
        auth = (user or "neo4j", password) if password else None
        self._driver = GraphDatabase.driver(
            uri, auth=auth, connection_timeout=CONNECT_TIMEOUT_S, notifications_min_severity="OFF"
        )
        self._retry(self._driver.verify_connectivity, self.read_retry, "the connection")

    # -- plumbing ------------------------------------------------------------------------------

    def _retry(self, call: Callable[[], T], policy: RetryPolicy, what: str) -> T:
        return run_with_retries(call, policy, uri=self.uri, what=what)

    def _read(self, statement: str, **params: Any) -> list[dict[str, Any]]:
        # An explicit transaction, not ``execute_read``: the driver would retry it on its own, inside
        # every retry of ours, and an outage would take a minute to report.
        def call() -> list[dict[str, Any]]:
            with self._driver.session(database=self.database, default_access_mode=READ_ACCESS) as session:
                with session.begin_transaction() as tx:
                    return [record.data() for record in tx.run(statement, params)]

        return self._retry(call, self.read_retry, "the query")

    def _write(self, statement: str, params: dict[str, Any]) -> Any:
        def call() -> Any:
            with self._driver.session(database=self.database, default_access_mode=WRITE_ACCESS) as session:
                with session.begin_transaction() as tx:
                    record = tx.run(statement, params).single()
                    tx.commit()
                    return None if record is None else record[0]

        return self._retry(call, self.write_retry, "the load")

    # -- Engine protocol -----------------------------------------------------------------------

    def load(self, model: GraphModel) -> None:
        self.generation += 1
        load_model(self._write, model, self.batch_size)

    def close(self) -> None:
        self._driver.close()

    def nodes(self, ids: Collection[str]) -> list[Node]:
        rows = self._read(f"MATCH (n:{NODE_LABEL}) WHERE n.id IN $ids RETURN {_NODE}", ids=list(ids))
        return [_node(row) for row in rows]

    def nodes_of_type(self, node_type: str) -> list[Node]:
        rows = self._read(f"MATCH (n:{NODE_LABEL}:{label(node_type)}) RETURN {_NODE}")
        return [_node(row) for row in rows]

    def edges(
        self,
        node_ids: Collection[str],
        edge_types: Collection[str] | None = None,
        direction: EdgeDirection = "both",
    ) -> list[Edge]:
        types = "" if edge_types is None else ":" + "|".join(label(t) for t in edge_types)
        if edge_types is not None and not edge_types:
            return []
        pattern = {"out": f"(n)-[r{types}]->()", "in": f"(n)<-[r{types}]-()", "both": f"(n)-[r{types}]-()"}
        rows = self._read(
            f"MATCH (n:{NODE_LABEL}) WHERE n.id IN $ids MATCH {pattern[direction]} "
            f"WITH DISTINCT r RETURN {_EDGE}",
            ids=list(node_ids),
        )
        return [_edge(row) for row in rows]

    def assignments(self, flt: AssignmentFilter) -> list[AssignmentFact]:
        statement, params = assignments_query(flt)
        rows = self._read(statement, **params)
        wanted = {row[key] for row in rows for key in ("src", "dst", "directive")}
        node = {n.id: n for n in self.nodes(wanted)} if wanted else {}
        return [
            AssignmentFact(_edge(row), node[row["src"]], node[row["dst"]], node[row["directive"]])
            for row in rows
        ]

    def tasks_of(self, directive_ids: Collection[str]) -> list[Node]:
        rows = self._read(
            f"MATCH (d:{NODE_LABEL}:Directive)-[:HAS_TASK]->(n:{NODE_LABEL}:Task) WHERE d.id IN $ids "
            f"RETURN DISTINCT {_NODE}",
            ids=list(directive_ids),
        )
        return [_node(row) for row in rows]

    def search_nodes(
        self, needles: Sequence[str], node_types: Sequence[str], limit: int | None = None
    ) -> list[Node]:
        if limit is not None:  # ranked here, on every match, exactly as the embedded engine ranks them
            return page_of(self.search_nodes(needles, node_types), needles, limit, node_types)
        wanted = [needle for needle in needles if needle]  # "" is in every text: it filters nothing
        # The first needle can use the type's text index; the others filter what it finds.
        condition = (
            "WHERE n.search CONTAINS $first AND all(x IN $rest WHERE n.search CONTAINS x)" if wanted else ""
        )
        found: list[Node] = []
        for node_type in sorted(set(node_types)):
            rows = self._read(
                f"MATCH (n:{label(node_type)}:{NODE_LABEL}) {condition} RETURN {_NODE}",
                first=wanted[0] if wanted else "",
                rest=wanted[1:],
            )
            found.extend(_node(row) for row in rows)
        return found

    def counts(self) -> tuple[dict[str, int], dict[str, int]]:
        node_rows = self._read(
            f"MATCH (n:{NODE_LABEL}) UNWIND [l IN labels(n) WHERE l <> 'Node'] AS type "
            "RETURN type, count(*) AS count"
        )
        edge_rows = self._read(
            f"MATCH (:{NODE_LABEL})-[r]->(:{NODE_LABEL}) RETURN type(r) AS type, count(*) AS count"
        )
        return (
            {row["type"]: row["count"] for row in node_rows},
            {row["type"]: row["count"] for row in edge_rows},
        )

    # -- beyond the protocol -------------------------------------------------------------------

    def read_cypher(
        self,
        statement: str,
        params: dict[str, Any] | None = None,
        timeout_s: float = 10.0,
        limit: int = 10_000,
    ) -> tuple[list[str], list[dict[str, Any]], bool]:
        """Run user Cypher read-only: keys, at most ``limit`` rows, and whether rows were cut.

        The transaction is opened in READ access mode, so the server itself refuses any write
        (``Neo.ClientError.Statement.AccessMode``), and has a server-side time-out of ``timeout_s``.
        """

        def call() -> tuple[list[str], list[dict[str, Any]], bool]:
            with self._driver.session(database=self.database, default_access_mode=READ_ACCESS) as session:
                result = session.run(Query(statement, timeout=timeout_s), params or {})
                rows: list[dict[str, Any]] = []
                for record in result:
                    if len(rows) == limit:
                        return list(result.keys()), rows, True
                    rows.append(record.data())
                return list(result.keys()), rows, False

        return self._retry(call, self.read_retry, "the Cypher query")
