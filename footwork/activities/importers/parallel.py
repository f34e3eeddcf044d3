"""Parse activity files in worker processes while the caller stores the results: in order, a bounded number ahead.

The caller's process reads the files (an archive member at a time) and writes what comes back; workers only parse
(parse_file). A few files parse inline, where starting workers would cost more than it saves.
"""

from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Callable, Generator, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from itertools import chain

from .files import ActivityFile, Entry, ParsedFile, parse_file

# Fewer files than this in a batch parse inline: a pool's start-up (~0.1 s) would eat the gain.
POOL_FROM = 8
# Files sent ahead per worker: enough that a worker never waits for the writer, few enough to bound memory.
IN_FLIGHT_PER_WORKER = 8
# Files handed to a worker at once: each hand-off costs both processes some 0.1 ms (a few percent of a file's parse).
CHUNK_FILES = 4
# ...and at most this many bytes of files waiting or being parsed (one file is always allowed, whatever its size).
MAX_BYTES_IN_FLIGHT = 64 * 1024 * 1024
CRASHED = "the parser stopped unexpectedly on this file (its worker process crashed)"

# Workers are started by a fork server, not forked from the caller: the caller is a Django process with open
# database connections and maybe threads (a web server, the task worker), and a fork would copy those half-held into
# every child. The fork server is a fresh interpreter that imports only the pure parsers (numpy and the readers, once;
# each worker forks from it ready to parse), so no Django, settings or database ever reach a worker. Where there is
# no fork server (Windows) spawn does the same, more slowly. Either way a worker imports the caller's main module, so a
# script that imports must keep its work under `if __name__ == "__main__":` (manage.py, footwork and the bench do).
_METHOD = "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn"
_CONTEXT = multiprocessing.get_context(_METHOD)
if _METHOD == "forkserver":
    _CONTEXT.set_forkserver_preload(["footwork.activities.importers"])


def in_flight_limit(workers: int) -> int:
    """How many files may be read and not yet handed back at once."""
    return max(1, workers) * IN_FLIGHT_PER_WORKER


def parse_in_order(
    entries: Iterable[Entry], *, workers: int
) -> Generator[tuple[ParsedFile, bytes], None, None]:
    """Each file parsed (an entry already decided passes as it is) with its original bytes, in the order given.

    With more than one worker and at least POOL_FROM files, files are parsed in a process pool; a worker that
    crashes refuses only the files it may have been parsing, each tried once more on its own first.
    """
    stream = iter(entries)
    head: list[Entry] = []
    files = 0
    while files < POOL_FROM and (entry := next(stream, None)) is not None:
        head.append(entry)
        files += isinstance(entry, ActivityFile)
    if workers <= 1 or files < POOL_FROM:
        for entry in chain(head, stream):
            yield (parse_file(entry), entry.data) if isinstance(entry, ActivityFile) else (entry, b"")
        return
    with _Pool(workers) as pool:
        yield from pool.parse(chain(head, stream))


@dataclass(frozen=True)
class _Submitted:
    """Files sent to a pool together, with the pool that has them and their future results."""

    files: tuple[ActivityFile, ...]
    executor: ProcessPoolExecutor
    future: Future[list[ParsedFile]]


def _ready(waiting: ParsedFile | _Submitted) -> bool:
    return isinstance(waiting, ParsedFile) or waiting.future.done()


def parse_files(
    parse: Callable[[ActivityFile], ParsedFile], files: tuple[ActivityFile, ...]
) -> list[ParsedFile]:
    """What a worker does with the files handed to it (parse is parse_file, passed so a test may replace it)."""
    return [parse(file) for file in files]


class _Pool:
    """A process pool that keeps results in order, bounds what is in flight and replaces itself after a crash."""

    def __init__(self, workers: int) -> None:
        self._workers = workers
        self._executor = self._start()
        self._waiting: deque[ParsedFile | _Submitted] = deque()
        # Files read and not yet handed to a worker (they go together, CHUNK_FILES at a time).
        self._pending: list[ActivityFile] = []
        self._in_flight = 0
        self._bytes = 0

    def __enter__(self) -> _Pool:
        return self

    def __exit__(self, *_exc: object) -> None:
        # On an error (or a caller that stops early) queued files are dropped and running ones finish first.
        self._executor.shutdown(wait=True, cancel_futures=True)

    def _start(self) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(max_workers=self._workers, mp_context=_CONTEXT)

    def _replace(self, broken: ProcessPoolExecutor) -> None:
        # Files of a broken pool all fail together: only the first one seen replaces it, not the new pool.
        if broken is self._executor:
            broken.shutdown(wait=True)
            self._executor = self._start()

    def parse(self, entries: Iterable[Entry]) -> Iterator[tuple[ParsedFile, bytes]]:
        limit = in_flight_limit(self._workers)
        for entry in entries:
            if isinstance(entry, ActivityFile):
                self._add(entry)
            else:
                self._flush()
                self._waiting.append(entry)
            # Hand back whatever is ready at the front; wait for the front only when too much is in flight.
            while True:
                over = self._in_flight > limit or (self._bytes > MAX_BYTES_IN_FLIGHT and self._in_flight > 1)
                if over:
                    self._flush()
                if not (self._waiting and (over or _ready(self._waiting[0]))):
                    break
                yield from self._finish(self._waiting.popleft())
        self._flush()
        while self._waiting:
            yield from self._finish(self._waiting.popleft())

    def _add(self, file: ActivityFile) -> None:
        self._in_flight += 1
        self._bytes += len(file.data)
        self._pending.append(file)
        if len(self._pending) == CHUNK_FILES:
            self._flush()

    def _flush(self) -> None:
        """Hand the pending files to a worker."""
        if not self._pending:
            return
        files, self._pending = tuple(self._pending), []
        try:
            future = self._executor.submit(parse_files, parse_file, files)
        except BrokenProcessPool:
            self._replace(self._executor)
            future = self._executor.submit(parse_files, parse_file, files)
        self._waiting.append(_Submitted(files, self._executor, future))

    def _finish(self, waiting: ParsedFile | _Submitted) -> Iterator[tuple[ParsedFile, bytes]]:
        if isinstance(waiting, ParsedFile):
            yield waiting, b""
            return
        try:
            results = waiting.future.result()
        except BrokenProcessPool:
            # Every file in flight fails with the crash and the culprit is not known: each gets a worker to itself.
            self._replace(waiting.executor)
            results = None
        for index, file in enumerate(waiting.files):
            self._in_flight -= 1
            self._bytes -= len(file.data)
            yield (_parse_alone(file) if results is None else results[index]), file.data


def _parse_alone(file: ActivityFile) -> ParsedFile:
    """The file parsed by a worker of its own: refused (CRASHED) if that worker crashes too."""
    with ProcessPoolExecutor(max_workers=1, mp_context=_CONTEXT) as executor:
        try:
            return executor.submit(parse_file, file).result()
        except BrokenProcessPool:
            return ParsedFile(file.name, refused=CRASHED)
