"""What each page's figures cost: `python -m bench.loader_costs --url URL [--commune CODE]`.

The benchmark times whole pages; when one misses its target, this says which of its reads is
slow. For the network (or `--commune`), each loader of wiker_ui/loaders.py that the reader's pages
call is run once with every cache of the process emptied (loaders.forget: *cold*), then again
(*warm*), on the store at URL as it is (a store the benchmark or `demo --scale` built), as of its
data's date, over the 12 months before it. It prints one line per loader, slowest cold first.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import time
from collections.abc import Callable
from pathlib import Path

from streamlit import logger as streamlit_logger

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
if __name__ == "__main__":  # the loaders warn, once per cache, that they run outside a server
    streamlit_logger.set_log_level("error")

from wiker_data.i18n import DEFAULT_LANGUAGE  # noqa: E402
from wiker_data.periods import add_months, month_start  # noqa: E402
from wiker_ui import loaders  # noqa: E402


def calls(url: str, commune: str | None) -> dict[str, Callable[[], object]]:
    """Return the loaders the reader's pages call for `commune` (None: the network), by name."""
    _, _, as_of = loaders.store_facts(url)
    as_of = as_of or dt.date.today()
    start = add_months(month_start(as_of), -11)
    chosen = {
        "store_facts (every page: the sidebar)": lambda: loaders.store_facts(url),
        "commune_kpis (overview, activity)": lambda: loaders.commune_kpis(url, as_of, commune),
        "open_shops_by_category (overview)": lambda: loaders.open_shops_by_category(url, as_of, commune),
        "closure_warnings (overview)": lambda: loaders.closure_warnings(url, as_of, commune),
        "visits_span (visits)": lambda: loaders.visits_span(url),
        "monthly_visits (visits)": lambda: loaders.monthly_visits(url, start, as_of, commune),
        "visits_ranking (visits)": lambda: loaders.visits_ranking(url, start, as_of),
        "comparison (comparison)": lambda: loaders.comparison(url, as_of, commune),
        "activity (activity)": lambda: loaders.activity(url, start, as_of, "month", commune),
        "presence_view (presence)": lambda: loaders.presence_view(url, as_of, commune, DEFAULT_LANGUAGE),
        "presence_calls (presence)": lambda: loaders.presence_calls(url, as_of, commune, DEFAULT_LANGUAGE, 0),
    }
    if commune:
        chosen["before_after (visits)"] = lambda: loaders.before_after(url, as_of, commune)
    return chosen


def costs(url: str, commune: str | None) -> list[tuple[str, float, float]]:
    """Return (loader, cold seconds, warm seconds) of each loader, slowest cold first."""
    rows = []
    for name, call in calls(url, commune).items():
        loaders.forget()
        started = time.perf_counter()
        call()
        cold = time.perf_counter() - started
        started = time.perf_counter()
        call()
        rows.append((name, cold, time.perf_counter() - started))
    return sorted(rows, key=lambda row: row[1], reverse=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", required=True, help="SQLAlchemy URL of a store to measure")
    parser.add_argument("--commune", help="INSEE code of the commune (default: the network)")
    args = parser.parse_args(argv)
    print(f"{'loader':45} {'cold':>8} {'warm':>8}")
    for name, cold, warm in costs(args.url, args.commune):
        print(f"{name:45} {cold:7.3f}s {warm:7.3f}s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
