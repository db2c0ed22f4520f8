"""Reading an export's rows ahead, on a thread of its own, while the rows read before are
written (issue 15: 20,000 rows a second); and a workbook's XML compressed on one while the
request's thread makes the next (``WriteBehind``, ``sheet._write_xlsx``). What reads the
request (its language, its user) stays on the request's thread: a value's conversion
(``Column.convert``, a code's label) translated on another thread would read no locale.

The database's work for the next batch (PostgreSQL's FETCH from its cursor) runs while the
request's thread turns the batch before into CSV or XML; the driver lets go of the GIL while
it waits on the server. At most ``AHEAD`` batches wait between the two, so memory stays
bounded whatever the export's length.
"""

import queue
import threading
from collections.abc import Iterable, Iterator

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


class WriteBehind:
    """``write(data)`` done on a thread of its own, at most ``AHEAD`` pieces waiting, so that
    the request's thread makes the next piece meanwhile (zlib lets go of the GIL while it
    compresses). ``close`` it always: it waits for the pieces written and raises the error
    of a write, if one failed (the pieces after it are let go)."""

    def __init__(self, write, ahead: int = AHEAD):
        self._queue: queue.Queue = queue.Queue(maxsize=ahead)
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._write, args=(write,), daemon=True,
                                        name="export-write-behind")
        self._thread.start()

    def _write(self, write) -> None:
        while (item := self._queue.get()) is not _END:
            if self._error is None:
                try:
                    write(item)
                except BaseException as error:  # noqa: BLE001 (raised again by write/close)
                    self._error = error

    def write(self, data) -> None:
        if self._error is not None:
            raise self._error
        self._queue.put(data)

    def close(self) -> None:
        if self._thread.is_alive():
            self._queue.put(_END)
            self._thread.join()
        if self._error is not None:
            raise self._error
