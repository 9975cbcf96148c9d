"""The readers of the load script (bench/load.py): each a websocket to the running app speaking
Streamlit's browser protocol, so that twenty readers cost the client twenty coroutines rather than
twenty browsers (a 2-core machine cannot run them beside the server it measures).

The protocol as the pinned streamlit (1.67, a Starlette server) speaks it, read from
streamlit/web/server/starlette/starlette_websocket.py and streamlit/runtime/app_session.py:
binary protobuf frames on ws://127.0.0.1:<port>/_stcore/stream, subprotocol "streamlit" (a client
that sends no Origin header, as this one, is let in without an XSRF token). A BackMsg.rerun_script
carries a ClientState: the URL's query string, and either the page's URL path (`page_name`: what a
browser sends when it opens /map?commune=44052) or its `page_script_hash` (what it sends when a
sidebar link is followed; the hashes come in the `navigation` message of every run). The server
answers with ForwardMsgs: `navigation`, `page_config_changed` (the tab's title), `delta`s (the
elements drawn, an `exception` element when the script raised) and, last, `script_finished`.

A run is timed from its request to its script_finished, and checked: the page asked for ran (its
hash, its title), it drew something, no exception nor error message, and a commune's run names the
commune. A run that does not finish in time leaves the session in an unknown state: the reader
opens a new one, as a person reloading the page would.
"""

from __future__ import annotations

import asyncio
import random
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from streamlit.proto.Alert_pb2 import Alert
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.RootContainer_pb2 import MAIN
from streamlit.source_util import page_icon_and_name
from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import WebSocketException

from wiker_data.i18n import DEFAULT_LANGUAGE, t
from wiker_ui.layout import COORDINATOR_PAGES, PAGES

MAIN_SCRIPT = "dashboard.py"  # the script `streamlit run` serves: the home page, at the URL's root
TEXTS = ("heading", "markdown", "alert")  # the elements whose text says what a page shows


@dataclass(frozen=True)
class Page:
    name: str  # the file's stem, as the benchmark's rows name pages: dashboard, 1_map, ...
    url_path: str  # its path in the app's URL: "" for the home page, then map, visits, ...
    title: str  # the browser tab's title the page sets (setup_page), in the default language


@dataclass(frozen=True)
class Scope:
    name: str  # network or commune, as the benchmark's rows say
    query: str  # the URL's query string that picks it (wiker_ui.layout reads ?commune=)
    commune_name: str | None = None  # what a commune's pages name


@dataclass
class PageRun:
    page: str
    scope: str
    seconds: float | None  # None: no time to speak of (the connection failed before an answer)
    error: str | None = None


def reader_pages() -> list[Page]:
    """Return the pages a reader sees (the coordinators' ones left out), as wiker_ui.layout lists
    them, with their URL path as streamlit derives it from the file name."""
    pages = []
    for path, label_key, _ in PAGES:
        if path in COORDINATOR_PAGES:
            continue
        url_path = "" if path == MAIN_SCRIPT else page_icon_and_name(Path(path))[1]
        pages.append(Page(Path(path).stem, url_path, f"{t(label_key, DEFAULT_LANGUAGE)} · Wiker"))
    return pages


@dataclass
class _Seen:
    """What the server sent during one run, enough to tell whether it showed the page asked for."""

    finished: bool = False
    status: int | None = None
    page_hash: str | None = None
    title: str | None = None
    texts: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    def take(self, message: ForwardMsg, hashes: dict[str, str]) -> None:
        kind = message.WhichOneof("type")
        if kind == "navigation":
            hashes.update({page.url_pathname: page.page_script_hash for page in message.navigation.app_pages})
            self.page_hash = message.navigation.page_script_hash
        elif kind == "page_config_changed":
            self.title = message.page_config_changed.title
        elif kind == "delta" and message.delta.WhichOneof("type") == "new_element":
            self._element(message)
        elif kind == "script_finished" and message.script_finished != ForwardMsg.FINISHED_EARLY_FOR_RERUN:
            self.finished, self.status = True, message.script_finished

    def _element(self, message: ForwardMsg) -> None:
        element = message.delta.new_element
        what = element.WhichOneof("type")
        if what == "exception":
            self.problems.append(f"exception {element.exception.type}: {element.exception.message}")
        elif what == "alert" and element.alert.format == Alert.ERROR:
            self.problems.append(f"error message: {element.alert.body}")
        elif what in TEXTS and message.metadata.delta_path[:1] == [MAIN]:
            self.texts.append(getattr(element, what).body)

    def verdict(self, page: Page, scope: Scope, hashes: dict[str, str]) -> str | None:
        """Return what went wrong with the run (None: the page asked for showed its content)."""
        if self.problems:
            return "; ".join(self.problems)
        if self.status != ForwardMsg.FINISHED_SUCCESSFULLY:
            return f"finished with status {ForwardMsg.ScriptFinishedStatus.Name(self.status or 0)}"
        if page.url_path not in hashes:
            return f"the app's navigation has no page at /{page.url_path}"
        if self.page_hash != hashes[page.url_path]:
            return f"another page ran (hash {self.page_hash})"
        if self.title != page.title:
            return f"the tab's title is {self.title!r}, not {page.title!r}"
        if not self.texts:
            return "the page drew no heading nor text"
        if scope.commune_name and not any(scope.commune_name in text for text in self.texts):
            return f"the page does not name {scope.commune_name}"
        return None


async def run_page(
    socket: ClientConnection, page: Page, scope: Scope, hashes: dict[str, str], timeout: float
) -> PageRun:
    """Return one run of `page` in the session of `socket`, timed from the request to its
    script_finished; its error is set when it failed or did not finish within `timeout`."""
    request = BackMsg()
    request.rerun_script.query_string = scope.query
    if page.url_path in hashes:  # a link followed inside the app
        request.rerun_script.page_script_hash = hashes[page.url_path]
    else:  # the session's first run: a URL opened
        request.rerun_script.page_name = page.url_path
    seen = _Seen()
    started = time.perf_counter()
    await socket.send(request.SerializeToString())
    try:
        async with asyncio.timeout(timeout):
            while not seen.finished:
                seen.take(ForwardMsg.FromString(await socket.recv()), hashes)
    except TimeoutError:
        return PageRun(page.name, scope.name, time.perf_counter() - started, f"not finished in {timeout:g} s")
    seconds = time.perf_counter() - started
    return PageRun(page.name, scope.name, seconds, seen.verdict(page, scope, hashes))


def _stream(port: int) -> str:
    return f"ws://127.0.0.1:{port}/_stcore/stream"


def _open(url: str) -> connect:
    """Open a session as a browser tab does; no keepalive pings (a browser sends none, and a busy
    server answering late would close the socket), no proxy (the server is on this machine), no
    limit on a message's size (the network map is one)."""
    return connect(url, subprotocols=["streamlit"], max_size=None, ping_interval=None, proxy=None)


async def reader(
    url: str, first: int, pages: list[Page], scope: Scope, until: float, timeout: float, think: float
) -> list[PageRun]:
    """Return the runs of one reader going round `pages` (from the `first`, so that readers do not
    all ask for the same page at once) until the monotonic time `until`. Between two runs it reads
    for `think` seconds on average (from half to one and a half times that, drawn), and it starts
    after a drawn part of it: readers who pause all alike, from the same instant, would keep asking
    together, in bursts that no arrival of real readers makes. Without a pause (`think` 0) it
    asks again at once: the server's throughput is then what is measured."""
    pauses = random.Random(first)  # the same draws every run of the script
    await asyncio.sleep(pauses.uniform(0, think))
    runs: list[PageRun] = []
    turn = first
    while time.monotonic() < until:
        try:
            async with _open(url) as socket:
                hashes: dict[str, str] = {}
                while time.monotonic() < until:
                    run = await run_page(socket, pages[turn % len(pages)], scope, hashes, timeout)
                    turn += 1
                    runs.append(run)
                    if run.error and run.error.startswith("not finished"):
                        break  # its answer may still come: a new session, as a reload would
                    await asyncio.sleep(pauses.uniform(0.5, 1.5) * think)
        except (OSError, WebSocketException) as error:
            runs.append(PageRun(pages[turn % len(pages)].name, scope.name, None, f"connection: {error!r}"))
            turn += 1
            await asyncio.sleep(1)  # the server may be restarting: do not hammer it
    return runs


def _in_a_thread(function, *args, **kwargs):
    """Run the coroutine function's call to its end in an event loop of its own, in a thread of its
    own: the caller's thread may already run a loop (the browser tests' Playwright does, and
    asyncio.run refuses to start inside one)."""
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="load readers") as pool:
        return pool.submit(lambda: asyncio.run(function(*args, **kwargs))).result()


async def _first_run(url: str, timeout: float) -> PageRun:
    async with _open(url) as socket:
        return await run_page(socket, reader_pages()[0], Scope("network", ""), {}, timeout)


def first_run(port: int, timeout: float) -> PageRun:
    """Return the server's first run of the home page, in a session of its own: it imports the
    app's modules (pandas, plotly, folium...), seconds that a server pays once, not under load."""
    return _in_a_thread(_first_run, _stream(port), timeout)


async def _readers(port: int, sessions: int, scopes: list[Scope], seconds: float, **options) -> list:
    url = _stream(port)
    pages = reader_pages()
    until = time.monotonic() + seconds
    done = await asyncio.gather(
        *(
            reader(url, index, pages, scopes[index % len(scopes)], until, **options)
            for index in range(sessions)
        )
    )
    return [run for runs in done for run in runs]


def drive(
    port: int, sessions: int, scopes: list[Scope], seconds: float, timeout: float, think: float
) -> list[PageRun]:
    """Return every page run of `sessions` readers (each in one of `scopes`, in turn) on the app
    served at 127.0.0.1:`port`, run together for `seconds`; a run under way then is let finish."""
    return _in_a_thread(_readers, port, sessions, scopes, seconds, timeout=timeout, think=think)
