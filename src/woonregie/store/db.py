"""Engine and session factory. SQLite file by default; PostgreSQL in production.

Waiting is always bounded (`Limits`): a lock, a pool connection or a statement that takes too
long ends in an error the edges turn into a Dutch 503 with `Retry-After`, never a silent hang.

SQLite: WAL mode, so readers never wait for the writer and the writer never waits for readers.
A transaction starts as a plain deferred `BEGIN` (a read snapshot that takes no lock) and becomes
a write transaction (`BEGIN IMMEDIATE`, the one write lock) at its first write: the read snapshot
is ended and the write transaction begins in its place. Nothing was written before that point,
so nothing is lost, and the guarantees equal PostgreSQL's READ COMMITTED, where every statement
sees the newest committed data; the version checks and guarded updates in the repositories
catch a concurrent change exactly as they do there. Reads therefore never take the write lock,
and a writer holds it only from its first write to its commit.
"""

from __future__ import annotations

import os
import sqlite3
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, exc, text
from sqlalchemy.orm import Session, sessionmaker

DEFAULT_URL = "sqlite:///woonregie.db"


@dataclass(frozen=True, slots=True)
class Limits:
    """How long one connection may wait or work, and how many connections an engine keeps.

    `lock_timeout` bounds a wait for a row lock, the audit chain or SQLite's write lock;
    `statement_timeout` one statement; `idle_in_transaction` a transaction that stopped talking
    (a crashed or hung client) on PostgreSQL. 0 means no limit.
    """

    lock_timeout: float
    statement_timeout: float
    idle_in_transaction: float
    pool_size: int
    max_overflow: int
    pool_timeout: float

    @property
    def connections(self) -> int:
        return self.pool_size + self.max_overflow


SERVER = Limits(lock_timeout=5, statement_timeout=30, idle_in_transaction=120,
                pool_size=4, max_overflow=2, pool_timeout=10)
"""The web server: interactive requests; a longer wait is answered 503 (retry). The pool holds
as many connections as the server admits requests at once (http/admission.py), so a request never
waits for a connection while holding a thread; idle_in_transaction leaves room for a stored
matching round (the engine solves inside the round's transaction). Six per worker: request work
is mostly Python under one GIL, so more threads per process do not add throughput (bench/load.py,
SQLite scale 1, 10 clients, 2 workers on the loaded 2-core machine: 3, 6 and 15 per worker gave
47, 41 and 31-37 requests/s); the rest wait in the admission queue, free and first come, first
served."""

BATCH = Limits(lock_timeout=60, statement_timeout=0, idle_in_transaction=0,
               pool_size=5, max_overflow=5, pool_timeout=60)
"""The command line: imports, samples and rounds run long; they still wait at most a minute for
a lock held by someone else."""


def database_url(explicit: str | None = None) -> str:
    """`--db` wins, then WOONREGIE_DATABASE_URL, then the SQLite file in the working directory."""
    url = explicit or os.environ.get("WOONREGIE_DATABASE_URL") or DEFAULT_URL
    if "://" not in url:  # a bare path means a SQLite file
        url = f"sqlite:///{Path(url)}"
    return url


def make_engine(url: str | None = None, limits: Limits = BATCH) -> Engine:
    """`hide_parameters`: a database error (or log line) never quotes the values of a statement,
    which are names, incomes and care data; the statement itself holds no data."""
    url = database_url(url)
    pool = {"pool_size": limits.pool_size, "max_overflow": limits.max_overflow,
            "pool_timeout": limits.pool_timeout}
    if url.startswith("sqlite"):
        if ":memory:" in url or url in ("sqlite://", "sqlite:///"):
            pool = {}  # one shared in-memory connection (StaticPool); no pool to size
        busy = limits.lock_timeout or 3600
        engine = create_engine(url, connect_args={"timeout": busy}, hide_parameters=True, **pool)
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", _sqlite_begin)
        event.listen(engine, "before_cursor_execute", _sqlite_write_upgrade)
        _queue_writers(engine, busy)
        _track_writes(engine)
        return engine
    engine = create_engine(url, connect_args=_pg_options(limits), hide_parameters=True, **pool)
    _ping_when_idle(engine, IDLE_PING_S)
    _track_writes(engine)
    return engine


IDLE_PING_S = 30.0
"""A pooled PostgreSQL connection that lay unused this long is tested ("pinged") before it is
handed out; a busier one is not: a ping is a round trip to the database, and on every checkout
(SQLAlchemy's `pool_pre_ping`) it was one of the nine a read of one person made."""

IDLE_SINCE = "woonregie_idle_since"


def _ping_when_idle(engine: Engine, idle: float) -> None:
    """Ping a connection at checkout only when it was idle for `idle` seconds or more.

    What a ping guards against is a connection the database closed while it lay in the pool
    (a restart, a failover, a firewall dropping idle connections): those are the idle ones. A
    connection used moments ago that breaks anyway fails its request (a 503), and SQLAlchemy
    then invalidates every connection of the pool opened before it, so a restart costs at most
    one failed request per worker process."""

    def checkin(_dbapi: Any, record: Any) -> None:
        record.info[IDLE_SINCE] = time.monotonic()

    def checkout(dbapi: Any, record: Any, _proxy: Any) -> None:
        since = record.info.pop(IDLE_SINCE, None)
        if since is None or time.monotonic() - since < idle:
            return
        try:
            alive = engine.dialect.do_ping(dbapi)
        except engine.dialect.loaded_dbapi.Error as error:
            raise exc.DisconnectionError("ping failed") from error
        if not alive:
            raise exc.DisconnectionError("ping failed")

    event.listen(engine.pool, "checkin", checkin)
    event.listen(engine.pool, "checkout", checkout)


WROTE = "woonregie_wrote"
TRANSACTION_CONTROL = ("BEGIN", "COMMIT", "ROLLBACK", "SAVEPOINT", "RELEASE")


def _track_writes(engine: Engine) -> None:
    """Mark a connection's transaction as writing at its first statement that is no read, so
    that `wrote` can tell a read-only transaction (services/audit.py appends the audit entries
    of reads together, store/db.py's docstring says why that is safe)."""

    def begin(conn: Any) -> None:
        conn.info.pop(WROTE, None)

    def statement(conn: Any, _cursor: Any, sql: str, *_args: Any) -> None:
        if not conn.info.get(WROTE) and not _is_read(sql) and not (
                sql.lstrip()[:9].upper().startswith(TRANSACTION_CONTROL)):
            conn.info[WROTE] = True

    event.listen(engine, "begin", begin)
    event.listen(engine, "before_cursor_execute", statement)


def wrote(session: Session) -> bool:
    """Whether the session's transaction wrote anything, or has ORM changes still to flush."""
    if session.new or session.dirty or session.deleted:
        return True
    if not session.in_transaction():
        return False
    return bool(session.connection().info.get(WROTE))


def _pg_options(limits: Limits) -> dict[str, Any]:
    """Per-connection settings, sent at connect time (no extra round trip per request)."""
    settings = {
        "lock_timeout": limits.lock_timeout,
        "statement_timeout": limits.statement_timeout,
        "idle_in_transaction_session_timeout": limits.idle_in_transaction,
    }
    return {"options": " ".join(f"-c {k}={int(v * 1000)}" for k, v in settings.items())}


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    dbapi_conn.isolation_level = None  # let the "begin" listener own transactions
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA journal_mode=WAL")
    # WAL + NORMAL: a commit is one append to the log, synced at checkpoints. Never corrupts;
    # a power cut (not a crash of the app) may lose the last commits. PostgreSQL, the
    # production database, syncs every commit.
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.close()


WRITING = "woonregie_sqlite_writing"
READ_KEYWORDS = ("SELECT", "PRAGMA", "EXPLAIN")


def _sqlite_begin(conn: Any) -> None:
    """A deferred transaction: a read snapshot, no lock (see the module docstring)."""
    conn.info[WRITING] = True  # BEGIN itself is no write to upgrade for
    conn.exec_driver_sql("BEGIN")
    conn.info[WRITING] = False


def _is_read(statement: str) -> bool:
    head = statement.lstrip()[:8].upper()
    if head.startswith(READ_KEYWORDS):
        return True
    if head.startswith("WITH"):
        upper = statement.upper()
        return not any(w in upper for w in ("INSERT", "UPDATE", "DELETE"))
    return False


def _sqlite_write_upgrade(conn: Any, cursor: Any, statement: str, *_args: Any) -> None:
    """Before the first write of a transaction: end the read snapshot, take the write lock."""
    if conn.info.get(WRITING, True) or _is_read(statement):
        return
    if conn.in_transaction():
        _upgrade(conn, cursor)


def _upgrade(conn: Any, cursor: Any) -> None:
    cursor.execute("COMMIT")  # the read snapshot; nothing was written in it
    conn.info[WRITING] = True
    queue: WriterQueue | None = getattr(conn.engine, WRITER_QUEUE, None)
    if queue is not None:
        queue.enter(conn.info)
    try:
        cursor.execute("BEGIN IMMEDIATE")  # waits at most the busy timeout
    except sqlite3.OperationalError as error:  # as SQLAlchemy would raise it (is_busy)
        if queue is not None:
            queue.leave(conn.info)
        raise exc.OperationalError("BEGIN IMMEDIATE", (), error) from error


WRITER_QUEUE = "woonregie_sqlite_writer_queue"
HOLDS_QUEUE = "woonregie_sqlite_holds_writer_queue"


class WriterQueue:
    """The writers of one process wait their turn here, first come first served, before they
    ask SQLite for its write lock.

    SQLite's own wait for the write lock is a busy handler that sleeps and retries (1, 2, 5,
    ... up to 100 ms): with six threads of one server process reading audited data (each read
    appends to the audit log, a write) the wait averaged 27 ms, p99 244 ms, where the lock is
    held for about a millisecond. Here a thread waits on a lock that is handed over the moment
    the previous writer of this process commits or rolls back; SQLite's busy handler then only
    arbitrates between processes. The wait is bounded by the same lock timeout, and ends in the
    same "database is locked" error (a Dutch 503 at the edges)."""

    def __init__(self, timeout: float) -> None:
        self.timeout = timeout
        self._lock = threading.Lock()

    def enter(self, info: dict) -> None:
        if not self._lock.acquire(timeout=self.timeout):
            error = sqlite3.OperationalError("database is locked")
            raise exc.OperationalError("BEGIN IMMEDIATE", (), error) from error
        info[HOLDS_QUEUE] = True

    def leave(self, info: dict) -> None:
        if info.pop(HOLDS_QUEUE, False):
            self._lock.release()


def _queue_writers(engine: Engine, timeout: float) -> None:
    """Give `engine` its writer queue, left when the write transaction ends: after its COMMIT
    or ROLLBACK (done here, so the next writer finds SQLite's lock free; the driver's own
    commit then has nothing left to do), or when the connection goes back to the pool."""
    queue = WriterQueue(timeout)
    setattr(engine, WRITER_QUEUE, queue)

    def end(conn: Any, statement: str) -> None:
        if not conn.info.get(HOLDS_QUEUE):
            return
        try:
            dbapi = conn.connection.dbapi_connection
            if dbapi is not None and dbapi.in_transaction:
                dbapi.execute(statement)
        finally:
            queue.leave(conn.info)

    event.listen(engine, "commit", lambda conn: end(conn, "COMMIT"))
    event.listen(engine, "rollback", lambda conn: end(conn, "ROLLBACK"))
    for name in ("checkin", "invalidate", "close", "detach"):
        event.listen(engine.pool, name, lambda _dbapi, record, *_: queue.leave(record.info))


def take_write_lock(session: Session) -> None:
    """Make the session's transaction a write transaction now, before reading what the write
    depends on (the audit chain's head). On SQLite that takes the one write lock; PostgreSQL
    locks rows and advisory locks instead, so there this is a no-op."""
    conn = session.connection()
    if conn.dialect.name != "sqlite" or conn.info.get(WRITING, True):
        return
    cursor = conn.connection.dbapi_connection.cursor()
    try:
        _upgrade(conn, cursor)
    finally:
        cursor.close()


def refresh_statistics(engine: Engine) -> None:
    """Bring PostgreSQL's planner statistics and visibility map up to date (VACUUM ANALYZE)
    after a bulk load.

    Autovacuum would do it in its own time, and not at all where it is switched off: until
    then the planner plans with the statistics of the empty tables, and index-only scans visit
    the table for every row. At scale 20 reading the histories of one page of 20 persons then
    scanned all 283,000 status changes (43 ms, with statistics 0.8 ms) and the capped count of
    a list took 5-8 ms (with the visibility map 1.9 ms). SQLite: nothing to do."""
    if engine.dialect.name != "postgresql":
        return
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.execute(text("VACUUM (ANALYZE)"))  # not inside a transaction


def session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)


BUSY_CODES = frozenset({"55P03", "57014", "40P01", "40001"})
"""PostgreSQL: lock_timeout, statement_timeout (query canceled), deadlock, serialization."""


def is_busy(error: BaseException) -> bool:
    """Whether `error` means "the database was too busy, try again" (a bounded wait ran out):
    a lock or statement timeout, a pool without free connections, SQLite's busy timeout."""
    if isinstance(error, exc.TimeoutError):  # QueuePool: no connection within pool_timeout
        return True
    if not isinstance(error, exc.OperationalError | exc.DBAPIError):
        return False
    orig = getattr(error, "orig", None)
    if getattr(orig, "sqlstate", None) in BUSY_CODES:
        return True
    return "database is locked" in str(orig) or "database table is locked" in str(orig)
