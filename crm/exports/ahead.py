"""Reading an export's rows ahead, on a thread of its own, while the rows read before are
written (issue 15: 20,000 rows a second).

The database's work for the next batch (SQLite's steps through the query, PostgreSQL's
FETCH from its cursor) runs while the request's thread turns the batch before into CSV or
XML; both drivers let go of the GIL while they wait on the database. At most ``AHEAD`` batches
wait between the two, so memory stays bounded whatever the export's length.
"""

import json
import queue
import threading
from collections.abc import Iterable, Iterator

import sqlalchemy as sa

AHEAD = 2  # batches read but not yet written, at most
_END = object()


class ReadAhead:
    """The items of ``source``, read on a thread of its own, up to ``AHEAD`` ahead.

    Iterate it once; ``close`` it always (also when its reader stops half way), which stops
    the thread and waits for it, so that the source (a cursor) may be closed after it. An
    error of the source is raised where its item would have come."""

    def __init__(self, source: Iterable, ahead: int = AHEAD):
        self._queue: queue.Queue = queue.Queue(maxsize=ahead)
        self._stopped = threading.Event()
        self._thread = threading.Thread(target=self._read, args=(source,), daemon=True,
                                        name="export-read-ahead")
        self._thread.start()

    def _read(self, source: Iterable) -> None:
        try:
            for item in source:
                if not self._put(item):
                    return
            self._put(_END)
        except BaseException as error:  # noqa: BLE001 (raised again in the reader's thread)
            self._put(error)

    def _put(self, item) -> bool:
        """Wait for room, unless the reader has stopped: did the item go in?"""
        while not self._stopped.is_set():
            try:
                self._queue.put(item, timeout=0.05)
                return True
            except queue.Full:
                continue
        return False

    def __iter__(self) -> Iterator:
        while (item := self._queue.get()) is not _END:
            if isinstance(item, BaseException):
                raise item
            yield item

    def close(self) -> None:
        self._stopped.set()
        self._thread.join()


def sqlite_batches(connection, listed: sa.Select, selected: sa.Select, key, size: int):
    """SQLite: the rows of ``selected`` (the list's SELECT of the export's columns, in its
    order), ``size`` at a time, each batch read by one statement that returns it as one JSON
    array of rows.

    Read row by row, the driver takes the GIL back after each of SQLite's steps, so a thread
    reading ahead waits on the writing thread row by row and nothing overlaps; one statement a
    batch is one step, its whole work done without the GIL. The batches are the rows of the
    list's keys (``listed``, the list's own SELECT), read first, ``size`` at a time, in one
    read transaction, so that all of them see the database as the first did. Values come as
    the driver gives them (a JSON number, text or null; true/false as 1/0)."""
    connection.exec_driver_sql("BEGIN")  # a snapshot for the keys and every batch (WAL)
    keys = connection.execute(listed.with_only_columns(key)).scalars().all()
    # a batch's rows come in the keys' order (sorted here), not sorted again by SQLite
    rows = selected.add_columns(key.label("export_key")).order_by(None).subquery()
    one_text = sa.select(sa.func.json_group_array(sa.func.json_array(*rows.c))).select_from(
        rows)
    parameter = sa.bindparam("keys", expanding=True)
    batch = one_text.where(rows.c.export_key.in_(parameter))

    def read():
        for start in range(0, len(keys), size):
            chunk = keys[start:start + size]
            found = json.loads(connection.execute(batch, {"keys": chunk}).scalar_one())
            place = {k: n for n, k in enumerate(chunk)}
            found.sort(key=lambda row: place[row[-1]])
            yield found  # each row ends with its key, which no column reads

    return read()
