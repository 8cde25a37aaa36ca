"""How the Neo4j engine waits for an unreachable server: briefly for queries, long for loads.

A query a user waits for should fail within seconds when the server is down, with one line that says
what failed and where; a load that writes thousands of batches should instead ride out a server
restart (a crash, a fail-over, a rolling upgrade) and carry on. Each call is therefore run under a
:class:`RetryPolicy` — :data:`READS` or :data:`WRITES` — with exponential back-off inside a time budget.
This is the only retry loop: the engine opens explicit transactions, so the driver's own transaction
retries (``max_transaction_retry_time``) never multiply these attempts.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from neo4j.exceptions import AuthError, ServiceUnavailable, SessionExpired, TransientError

from graph.errors import EngineUnavailable

T = TypeVar("T")
#: Errors that mean "not now": server down or restarting, connection lost, leader changing, lock
#: conflicts. Every write of the engine is an idempotent MERGE or bounded DELETE, so re-sending one
#: whose commit was not confirmed (``IncompleteCommit``) is safe.
RETRYABLE = (ServiceUnavailable, SessionExpired, TransientError)
_REASON_CHARS = 300


@dataclass(frozen=True)
class RetryPolicy:
    """Attempts until ``budget_s`` has passed since the first one, waiting ``first_wait_s`` and doubling
    (at most ``max_wait_s``) in between; the budget never ends during a wait, so the last attempt is
    made at the latest when it runs out."""

    budget_s: float
    first_wait_s: float = 0.25
    max_wait_s: float = 4.0

    def waits(self) -> list[float]:
        """The waits between attempts when each attempt fails at once (for documentation and tests)."""
        out: list[float] = []
        wait, spent = self.first_wait_s, 0.0
        while spent < self.budget_s:
            step = min(wait, self.budget_s - spent)
            out.append(step)
            spent += step
            wait = min(wait * 2, self.max_wait_s)
        return out


#: Fetches and user Cypher: a person is waiting, so an outage is reported within a few seconds.
READS = RetryPolicy(budget_s=2.0, first_wait_s=0.25, max_wait_s=1.0)
#: Load batches and schema statements: long enough for a server to restart in the middle of a load.
WRITES = RetryPolicy(budget_s=180.0, first_wait_s=0.5, max_wait_s=8.0)


def _one_line(error: BaseException) -> str:
    """The driver's message on one line (it wraps the socket error on a second line), cut to length."""
    text = " ".join(str(error).split()) or type(error).__name__
    return text if len(text) <= _REASON_CHARS else text[: _REASON_CHARS - 1] + "…"


def _attempts(n: int) -> str:
    return f"{n} attempt" if n == 1 else f"{n} attempts"


def run_with_retries(
    call: Callable[[], T],
    policy: RetryPolicy,
    *,
    uri: str,
    what: str,
    sleep: Callable[[float], None] = time.sleep,
    clock: Callable[[], float] = time.monotonic,
) -> T:
    """``call()``, retried under ``policy`` while the server is unavailable.

    Raises :class:`EngineUnavailable` (``G005``, HTTP 503) with one line naming ``what`` failed
    ("the query", "the load"), the URI, the attempts, the time spent and the driver's reason.
    Refused credentials are reported at once: retrying cannot fix them.
    """
    started = clock()
    wait = policy.first_wait_s
    attempt = 0
    while True:
        attempt += 1
        try:
            return call()
        except AuthError as exc:
            raise EngineUnavailable(
                f"Neo4j at {uri} refused the credentials ({_one_line(exc)}): "
                "check ZWGK_NEO4J_USER and ZWGK_NEO4J_PASSWORD."
            ) from exc
        except RETRYABLE as exc:
            left = policy.budget_s - (clock() - started)
            if left <= 0:
                spent = clock() - started
                raise EngineUnavailable(
                    f"Neo4j at {uri} is unavailable: {what} failed after {_attempts(attempt)} in "
                    f"{spent:.1f} s ({_one_line(exc)}). Check that the server runs and ZWGK_NEO4J_URI "
                    "points to it."
                ) from exc
            sleep(min(wait, left))
            wait = min(wait * 2, policy.max_wait_s)
