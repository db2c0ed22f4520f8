"""The export's rows read ahead on a thread of their own (``crm.exports.ahead``): in order,
a bounded number ahead, the source's error raised where its item would have been, and the
thread stopped when the reader stops half way; a workbook's pieces written behind, in order,
a write's error raised to the writer."""

import threading

import pytest

from crm.exports.ahead import AHEAD, ReadAhead, WriteBehind


def test_items_arrive_in_order_and_the_thread_ends():
    read = ReadAhead(iter(range(50)))
    assert list(read) == list(range(50))
    read.close()
    assert not read._thread.is_alive()


def test_at_most_a_few_items_are_read_ahead_of_the_reader():
    taken = []
    moved = threading.Event()

    def source():
        for n in range(100):
            taken.append(n)
            moved.set()
            yield n

    read = ReadAhead(source())
    items = iter(read)
    assert next(items) == 0
    moved.wait(1)
    threading.Event().wait(0.2)  # time enough to run on, if it would
    assert len(taken) <= AHEAD + 2  # the one taken, those waiting, the one held
    read.close()
    assert not read._thread.is_alive() and len(taken) < 100


def test_an_error_of_the_source_is_raised_to_the_reader():
    def source():
        yield 1
        raise ValueError("cursor broke")

    read = ReadAhead(source())
    items = iter(read)
    assert next(items) == 1
    with pytest.raises(ValueError, match="cursor broke"):
        next(items)
    read.close()


def test_closing_before_reading_stops_the_thread():
    read = ReadAhead(iter(range(10_000)))
    read.close()
    assert not read._thread.is_alive()


def test_a_workbook_whose_rows_break_half_way_raises_and_leaves_no_thread():
    """The sheet's XML is compressed on a thread of its own (``sheet._write_xlsx``): an error
    of the rows is the export's, and the thread is gone when it is raised."""
    from crm.exports import sheet

    def batches():
        yield [["a", "b"], [1, 2]]
        raise RuntimeError("rows broke")

    before = set(threading.enumerate())
    with pytest.raises(RuntimeError, match="rows broke"):
        sheet.xlsx_chunks("Projects", ["name", "n"], [sheet.TEXT, sheet.NUMBER], batches())
    assert set(threading.enumerate()) <= before


def test_written_behind_in_order_and_a_write_error_raised_at_close():
    written = []
    behind = WriteBehind(written.append)
    for n in range(50):
        behind.write(n)
    behind.close()
    assert written == list(range(50)) and not behind._thread.is_alive()

    def fails(item):
        if item == 3:
            raise OSError("disk full")
        written.append(item)

    written.clear()
    behind = WriteBehind(fails)
    with pytest.raises(OSError, match="disk full"):
        for n in range(100):
            behind.write(n)
        behind.close()
    with pytest.raises(OSError, match="disk full"):
        behind.close()  # again: the thread is gone, the error stays
    assert written == [0, 1, 2] and not behind._thread.is_alive()


def test_a_workbook_of_many_batches_keeps_its_rows_in_order():
    import io

    from openpyxl import load_workbook

    from crm.exports import sheet

    batches = ([[f"n{n}" for n in range(start, start + 100)], list(range(start, start + 100))]
               for start in range(0, 1000, 100))
    size, pieces = sheet.xlsx_chunks("Projects", ["name", "n"], [sheet.TEXT, sheet.NUMBER],
                                     batches)
    data = b"".join(pieces)
    assert len(data) == size
    rows = list(load_workbook(io.BytesIO(data), read_only=True).active.iter_rows(values_only=True))
    assert rows[0] == ("name", "n")
    assert rows[1:] == [(f"n{n}", n) for n in range(1000)]
