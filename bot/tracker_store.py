"""Rasa's SQL tracker store with a per-process cache of each conversation's events.

Rasa's `SQLTrackerStore` reads every event of a conversation's latest session back from the database and
rebuilds every event object on each message (`retrieve`), then counts those events again to know which ones
are new (`save`). Here each Rasa process keeps, per conversation, the events it last loaded or wrote and the
*fingerprint* of the conversation's rows it read them against: how many rows the conversation has and its
highest row id (one query on the `sender_id` index). `retrieve` runs only that query and, when it matches,
rebuilds the tracker from the cached events; otherwise it loads as Rasa does and caches the result.

Why this is right with several replicas sharing one database:
- Rows are only ever added (by whichever replica takes a message) or deleted (the retention purge), and never
  changed. An insert raises the conversation's highest id; a delete lowers its count. So once another process
  has written to a conversation, its fingerprint no longer matches the cached one, and the next `retrieve`
  here loads from the database.
- On a miss the fingerprint is read *before* the events. A row added in between is then in the cache but not
  in its fingerprint, which the database never returns to: the next check misses again (a wasted load, never
  a stale tracker).
- `save` writes the events past the ones the database holds, as Rasa does. Rasa counts them with a query;
  here the count is the number of cached events when the database still holds exactly those. That is known
  without a query when the tracker being saved is the one `retrieve` just built from the checked cache: Rasa
  handles a message (retrieve, act, save) holding the conversation's lock, which every replica takes
  (bot/lock_store.py), so nothing was added in between. (Were the lock ever bypassed, this turn's events are
  all still written, where Rasa's count would drop some; and the cache heals, as below.) Any other tracker
  is checked against the fingerprint in the same transaction, before writing, and on a mismatch the store
  falls back to Rasa's count and drops the cache entry. The new fingerprint is worked out from the old one
  plus the rows written (count + n, their highest id), not read back, so a row another process slipped in
  meanwhile makes it wrong, i.e. the next `retrieve` loads from the database.
- The cache entry is taken out before writing and put back only after the commit, so a failed save leaves
  nothing cached that the database may not have.
- "Latest session" is filtered in Python exactly as Rasa's query does in SQL (rows whose timestamp is at or
  after the newest `session_started`), so the cached events are always what Rasa's `retrieve` would load.

Each cached event is kept pickled just as Rasa would deserialise it from its stored JSON; unpickling gives
the agent fresh event objects to change, about twelve times faster than Rasa's deserialising from JSON
(docs/performance.md). The pickles are made here from this process's own objects, never read from outside.
`retrieve_full_tracker` (REST tracker endpoint, `rasa export`) and `keys` are Rasa's own, uncached.
On SQLite the store also keeps its connections open (see `_keep_sqlite_connections_open`).

Used by `bot/runtime_config.py` for SQLite and PostgreSQL alike:
  tracker_store: {type: bot.tracker_store.CachedSQLTrackerStore, dialect: ..., cache_size: N}
"""
from __future__ import annotations

import itertools
import json
import logging
import pickle
import weakref
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any, List, NamedTuple, Optional, Tuple

import sqlalchemy as sa
import sqlalchemy.orm
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.events import SessionStarted, deserialise_events
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.nlu.constants import INTENT_NAME_KEY

from bot.runtime_config import DEFAULT_TRACKER_CACHE_SIZE
from lmi.config import make_engine

logger = logging.getLogger(__name__)

Fingerprint = Tuple[int, Optional[int]]  # the conversation's number of rows and highest row id
_EVENTS = SQLTrackerStore.SQLEvent.__table__
# Built once, in SQLAlchemy Core: a third of the cost of an ORM query built per call.
FINGERPRINT = (sa.select(sa.func.count(), sa.func.max(_EVENTS.c.id))
               .where(_EVENTS.c.sender_id == sa.bindparam("sender_id")))


class CachedRow(NamedTuple):
    type_name: str
    timestamp: Optional[float]
    events: bytes  # pickled list of the zero or one events Rasa deserialises from the row


@dataclass
class Cached:
    fingerprint: Fingerprint
    rows: List[CachedRow]  # the rows Rasa's `retrieve` would load, in id order
    handed_out: Optional[weakref.ref] = None  # the tracker `retrieve` last built from these rows

    def events(self) -> list:
        return [event for row in self.rows for event in pickle.loads(row.events)]

    def built(self, tracker: DialogueStateTracker) -> bool:
        return self.handed_out is not None and self.handed_out() is tracker

    def after_writing(self, written: List[Tuple[int, CachedRow]]) -> "Cached":
        if not written:
            return self
        count, last = self.fingerprint
        return Cached((count + len(written), max(row_id for row_id, _ in written)),
                      latest_session(self.rows + [row for _, row in written]), self.handed_out)


def latest_session(rows: List[CachedRow]) -> List[CachedRow]:
    """Rasa's `_event_query` in Python: the rows at or after the newest session start, or all if none.
    Given the cached rows (themselves the latest session) plus the rows just written, this is what the
    database now holds for the latest session: a newer session start can only narrow it."""
    starts = [row.timestamp for row in rows if row.type_name == SessionStarted.type_name and row.timestamp is not None]
    if not starts:
        return rows
    start = max(starts)
    return [row for row in rows if row.timestamp is not None and row.timestamp >= start]


def cached_row(type_name: str, timestamp: Optional[float], data: str) -> CachedRow:
    events = deserialise_events([json.loads(data)])
    return CachedRow(type_name, timestamp, pickle.dumps(events, protocol=pickle.HIGHEST_PROTOCOL))


class CachedSQLTrackerStore(SQLTrackerStore):
    def __init__(self, *args: Any, cache_size: int = DEFAULT_TRACKER_CACHE_SIZE, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.cache_size = int(cache_size)
        self._cache: OrderedDict[str, Cached] = OrderedDict()
        if self.engine.dialect.name == "sqlite" and self.engine.url.database not in (None, "", ":memory:"):
            self._keep_sqlite_connections_open()
        self._reads = self.engine.execution_options(isolation_level="AUTOCOMMIT")

    def _keep_sqlite_connections_open(self) -> None:
        """SQLAlchemy 1.4 opens and closes an SQLite file's connection for every session (NullPool), and
        closing the last one checkpoints the write-ahead log: a quarter of the store's time per message. The
        project's SQLite engine (lmi.config.make_engine) keeps a pool of them open, as SQLAlchemy 2.0 does."""
        url = str(self.engine.url)
        self.engine.dispose()
        self.engine = make_engine(url)
        self.sessionmaker = sa.orm.sessionmaker(bind=self.engine)

    def _fingerprint(self, session, sender_id: str) -> Fingerprint:
        count, last = session.execute(FINGERPRINT, {"sender_id": sender_id}).one()
        return int(count), last

    def _remember(self, sender_id: str, cached: Cached) -> None:
        self._cache[sender_id] = cached
        self._cache.move_to_end(sender_id)
        while len(self._cache) > self.cache_size:
            self._cache.popitem(last=False)

    async def retrieve(self, sender_id: str) -> Optional[DialogueStateTracker]:
        if self.cache_size <= 0:
            return await super().retrieve(sender_id)
        # Outside a transaction: one round trip to PostgreSQL instead of BEGIN, SELECT, ROLLBACK. Reading the
        # fingerprint first is what makes two separate reads safe (see above).
        with sa.orm.Session(self._reads) as session:
            fingerprint = self._fingerprint(session, sender_id)
            cached = self._cache.get(sender_id)
            if cached is None or cached.fingerprint != fingerprint:
                loaded = self._event_query(session, sender_id, fetch_events_from_all_sessions=False).all()
                cached = Cached(fingerprint, [cached_row(r.type_name, r.timestamp, r.data) for r in loaded])
        self._remember(sender_id, cached)
        if not (self.domain and cached.rows):  # as Rasa's `_retrieve`
            return None
        tracker = DialogueStateTracker.from_events(sender_id, cached.events(), self.domain.slots)
        cached.handed_out = weakref.ref(tracker)
        return tracker

    async def save(self, tracker: DialogueStateTracker) -> None:
        if self.cache_size <= 0:
            return await super().save(tracker)
        await self.stream_events(tracker)
        sender_id = tracker.sender_id
        cached = self._cache.pop(sender_id, None)  # put back only once the commit succeeded
        with self.session_scope() as session:
            if (cached is not None and not cached.built(tracker)
                    and self._fingerprint(session, sender_id) != cached.fingerprint):
                cached = None
            if cached is not None:
                stored = len(cached.rows)
            else:
                stored = self._event_query(session, sender_id, fetch_events_from_all_sessions=False).count()
            rows = [self._row(sender_id, event) for event in itertools.islice(tracker.events, stored, None)]
            session.add_all(rows)
            session.flush()
            written = ([(row.id, cached_row(row.type_name, row.timestamp, row.data)) for row in rows]
                       if cached is not None else [])
            session.commit()
        if cached is not None:
            self._remember(sender_id, cached.after_writing(written))
        logger.debug(f"Tracker with sender_id '{sender_id}' stored to database")

    def _row(self, sender_id: str, event) -> "SQLTrackerStore.SQLEvent":
        """The row Rasa's `save` writes for an event."""
        data = event.as_dict()
        return self.SQLEvent(sender_id=sender_id, type_name=event.type_name, timestamp=data.get("timestamp"),
                             intent_name=data.get("parse_data", {}).get("intent", {}).get(INTENT_NAME_KEY),
                             action_name=data.get("name"), data=json.dumps(data))
