"""Workers: `summarizer serve` makes its briefs in worker processes, so its event loop only does I/O.

Reading an article is CPU-bound (spaCy, the rules): on the event loop it would stall every other request
and `/healthz`. Each worker makes one brief at a time. When the client goes away or the request's time is
up, the parent raises the worker's stop flag: the worker cancels the brief at its next await (a model
call) or its next stage, whichever comes first; a worker that has not stopped GRACE seconds later (a long
stretch of CPU work) is killed and replaced. So no request holds a worker beyond its limit plus GRACE.
"""

from __future__ import annotations

import asyncio
import dataclasses
import json
import multiprocessing
import signal
from collections.abc import Awaitable, Callable
from concurrent.futures import ThreadPoolExecutor
from multiprocessing.connection import Connection
from multiprocessing.context import SpawnContext
from typing import Protocol, cast

from summarizer.core.article import Article
from summarizer.core.brief import IncidentBrief, Rule
from summarizer.core.errors import BackendError, InputError, NoInputError, SummarizerError
from summarizer.inputs.ingest import load
from summarizer.llm.config import Config
from summarizer.llm.embedded import die_with_parent
from summarizer.pipeline import run
from summarizer.readers.language import pipeline as spacy_pipeline
from summarizer.update import aupdate

GRACE = 2.0  # seconds a worker has to stop before it is killed
POLL = 0.25  # seconds between looks at the client's connection and the clock
RETRY_AFTER = "30"  # seconds, when the model backend is down


@dataclasses.dataclass
class Job:
    articles: list[Article]  # as the client sent them, not yet loaded
    config: Config
    rule: Rule
    previous: IncidentBrief | None = None  # the previous brief, for an update


@dataclasses.dataclass
class Outcome:
    status: int
    body: str  # JSON: the brief, or {"error": ...}
    headers: dict[str, str] | None = None


class Flag(Protocol):
    """A byte shared with the worker process (multiprocessing's Value): 1 asks it to stop."""

    value: int


class Stopped(Exception):
    """The parent asked the worker to stop (client gone, time up)."""


class GaveUp(Exception):
    """The parent stopped waiting: `why` is 'gone' (the client disconnected) or 'timeout'; `reusable`
    when the worker stopped in time and can take the next job."""

    def __init__(self, why: str, reusable: bool = False):
        super().__init__(why)
        self.why, self.reusable = why, reusable


# --- in the worker process ------------------------------------------------------------------------------


def work(conn: Connection, stop: Flag) -> None:
    """A worker's life: jobs in, outcomes out, until its parent closes the pipe (or dies)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C reaches the whole process group: the parent decides
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # killed quietly when replaced or at shutdown
    die_with_parent()
    _warm_up()
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return
        outcome = asyncio.run(make(job, stop))
        try:
            conn.send(outcome)
        except OSError:
            return


def _warm_up() -> None:
    """Load spaCy's model now, not in the first request's time (the pipeline's code is imported above)."""
    spacy_pipeline()


async def make(job: Job, stop: Flag) -> Outcome:
    """One brief, as JSON or as the error the client gets; cancelled as soon as the stop flag is up."""

    def check(_message: str = "") -> None:  # the pipeline's progress callback: called between stages
        if stop.value:
            raise Stopped()

    task = asyncio.ensure_future(brief(job, check))
    while not task.done():
        await asyncio.wait({task}, timeout=0.05)
        if stop.value:
            task.cancel()
    try:
        return Outcome(200, task.result().model_dump_json())
    except (Stopped, asyncio.CancelledError):
        return Outcome(499, '{"error": "stopped"}')
    except (InputError, NoInputError) as input_error:
        return failure(422, str(input_error))
    except BackendError as backend_error:
        return failure(503, f"model backend unavailable: {backend_error}", {"Retry-After": RETRY_AFTER})
    except SummarizerError as summarizer_error:
        return failure(500, str(summarizer_error))
    except Exception as unexpected:  # noqa: BLE001 - the client gets one line; the worker lives on
        return failure(500, f"internal error ({type(unexpected).__name__})")


async def brief(job: Job, progress: Callable[[str], None]) -> IncidentBrief:
    if job.previous is not None:
        return await aupdate(job.previous, job.articles, config=job.config, rule=job.rule, progress=progress)
    return await run(load(job.articles), job.config, rule=job.rule, progress=progress)


def failure(status: int, message: str, headers: dict[str, str] | None = None) -> Outcome:
    return Outcome(status, json.dumps({"error": message}), headers)


# --- in the service -------------------------------------------------------------------------------------


class Worker:
    def __init__(self, context: SpawnContext) -> None:
        self.stop = context.Value("b", 0, lock=False)
        self.conn, child = context.Pipe()
        self.proc = context.Process(
            target=work, args=(child, self.stop), name="summarizer-worker", daemon=True
        )
        self.proc.start()
        child.close()

    def kill(self) -> None:
        self.proc.kill()  # a `recv` waiting on its pipe ends with EOFError; the pipe closes when it is let go
        self.proc.join(5)

    @property
    def alive(self) -> bool:
        return self.proc.is_alive()


GiveUp = Callable[[], Awaitable[str | None]]  # why to stop waiting ('gone', 'timeout'), or None to go on


class Pool:
    """`size` workers; a request waits for an idle one, and its wait counts towards its time limit."""

    def __init__(self, size: int):
        self.size = size
        self.context = multiprocessing.get_context("spawn")  # no fork of a process that runs threads
        self.io = ThreadPoolExecutor(max_workers=2 * size + 2, thread_name_prefix="summarizer-pipe")
        self.idle: asyncio.Queue[Worker] = asyncio.Queue()
        self.workers: list[Worker] = []
        self.closing = False  # set on SIGTERM: requests in flight stop, no worker is replaced
        for _ in range(size):
            self._add()

    def _add(self) -> None:
        worker = Worker(self.context)
        self.workers.append(worker)
        self.idle.put_nowait(worker)

    def _replace(self, worker: Worker) -> None:
        worker.kill()
        self.workers.remove(worker)
        if not self.closing:
            self._add()

    @property
    def busy(self) -> int:
        return self.size - self.idle.qsize()

    async def run(self, job: Job, give_up: GiveUp) -> Outcome:
        """The job's outcome from the next idle worker; GaveUp if `give_up` says so first."""
        taking = asyncio.ensure_future(self.idle.get())
        if why := await until(taking, give_up):
            taking.cancel()
            if taking.done() and not taking.cancelled():
                self.idle.put_nowait(taking.result())
            raise GaveUp(why)
        worker = taking.result()
        try:
            outcome = await self._on(worker, job, give_up)
        except GaveUp as gave_up:
            self.idle.put_nowait(worker) if gave_up.reusable else self._replace(worker)
            raise
        except BaseException:
            self._replace(worker)  # it may still be working, or dead: a fresh one takes its place
            raise
        self.idle.put_nowait(worker)
        return outcome

    async def _on(self, worker: Worker, job: Job, give_up: GiveUp) -> Outcome:
        loop = asyncio.get_running_loop()
        worker.stop.value = 0
        try:
            await loop.run_in_executor(self.io, worker.conn.send, job)
        except OSError:
            raise WorkerDied() from None
        reply = loop.run_in_executor(self.io, worker.conn.recv)
        reply.add_done_callback(_retrieved)  # a killed worker's EOFError is expected, not to be logged
        why = await until(reply, give_up)
        if why is None:
            try:
                return cast(Outcome, reply.result())  # what `work` sends back
            except (EOFError, OSError):
                raise WorkerDied() from None
        worker.stop.value = 1
        done, _ = await asyncio.wait({reply}, timeout=GRACE)
        raise GaveUp(why, reusable=bool(done) and reply.exception() is None)  # else: a long CPU-bound stretch

    def close(self) -> None:
        self.closing = True
        for worker in self.workers:
            worker.proc.terminate()
        for worker in self.workers:
            worker.proc.join(5)
            if worker.proc.is_alive():
                worker.proc.kill()
        self.io.shutdown(wait=False, cancel_futures=True)


def _retrieved(future: asyncio.Future[Outcome]) -> None:
    if not future.cancelled():
        future.exception()


class WorkerDied(Exception):
    """The worker process ended in the middle of a brief (killed from outside, out of memory)."""


async def until(future: asyncio.Future[Worker] | asyncio.Future[Outcome], give_up: GiveUp) -> str | None:
    """None once `future` is done; or why `give_up` said to stop waiting first."""
    while True:
        done, _ = await asyncio.wait({future}, timeout=POLL)
        if done:
            return None
        if why := await give_up():
            return why
