"""Scaled demo stores: the demo's shops and histories over a whole département or
over France, to try the app (and time its pages) on realistic volumes.

Scales (`SCALES`):
- small: the demo of `wiker_data.demo`, unchanged (22 real communes around Donges);
- department: 200 communes of Loire-Atlantique, the 22 real ones plus 178
  generated ones, and 20,000 shops;
- national: 35,000 communes over the 95 metropolitan départements (Paris, a
  single commune, left out), the 22 real ones among them, and 1,000,000 shops.
  Only the network's communes (the real ones and 30 % of the generated ones)
  have monthly visits, to keep the store's size sane.

Generated communes are made up and say so:
- name "Commune générée 44-999"; the postal code is the département's plus a
  made-up number;
- code: the département's two characters, then three digits counted *down* from
  999 (44999, 44998, ...). INSEE numbers a département's communes upwards from
  001, in alphabetical order, and Loire-Atlantique's codes stay below 44300: the
  department store's generated codes (44822-44999) can never be a real commune's.
  The national store needs about 400 codes per département (down to about DD600):
  in the dozen départements that ever had more communes than that (Pas-de-Calais,
  Aisne, Somme, ...) a generated code may be the code of a real commune, which
  the store does not hold; they never meet the real communes of data/;
- position: uniform over the département (Loire-Atlantique 46.85-47.85 N,
  2.6-1.0 W; elsewhere a square around its approximate centre), sea included;
- population: log-normal; department: median 3,500, most between 1,000 and
  10,000; national: median 1,000 with a long tail, about 64 million in all.

Shops: the real communes keep the demo's 7.5 shops ever per 1,000 inhabitants;
the generated ones share the rest of the scale's target in proportion to their
population (±20 %): a higher density (about 19 per 1,000 in the department, 15.5
in the national store; printed while loading), and exactly the target in all.
Histories, contacts (Loire-Atlantique phone numbers everywhere) and catalogues
are drawn as in the demo (`demo.commune_shops`).

Network: every real commune and a share of the generated ones joined within the
first year of a ten-year window ending with the last complete month, so each
member has 9 to 10 years of monthly visits; the others have no `joined_on`.

Each commune draws from its own generator, seeded with (seed, code): the rows
depend on the seed and the date only. `scaled_chunks` yields them about 12,000
shops at a time, so that the national store is never held in memory, and draws
them in a second process while the first inserts when the store is big.
"""

from __future__ import annotations

import datetime as dt
import math
import multiprocessing
import os
import random
import time
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, fields

from sqlalchemy import Engine

from wiker_data.demo.generator import (
    DONGES,
    DemoData,
    DemoSummary,
    commune_row,
    commune_shops,
    demo_seed,
    load_demo,
    load_rows,
    occupied_shops,
    population_rows,
    read_communes,
    shop_count,
)
from wiker_data.demo.history import monthly_visits
from wiker_data.periods import add_months, last_complete_month, month_range, months_before

SCALES = ("small", "department", "national")
VISIT_MONTHS = 120  # the ten-year window the members joined at the start of
CHUNK_SHOPS = 12_000  # shops drawn, then inserted, at a time: with about 42,000 status events
PARALLEL_FROM_SHOPS = 100_000  # bigger stores are drawn in a second process
LOIRE_ATLANTIQUE = (46.85, 47.85, -2.6, -1.0)  # south, north, west, east
KM_PER_DEGREE = 111.32


@dataclass(frozen=True)
class ScalePlan:
    """The size of a scaled store and how its generated communes are drawn."""

    departements: tuple[str, ...]
    communes: int  # in all, the real ones of data/ included
    shops: int  # shops that ever existed, in all
    member_share: float  # generated communes in the network
    median_population: int
    population_sigma: float  # of the population's logarithm


@dataclass(frozen=True)
class PlannedCommune:
    """A commune of a scaled store: its row as in the reference file, joining date and shop count."""

    row: dict  # insee_code, name, postal_code, population_municipale_2023/2021, latitude, longitude
    joined_on: dt.date | None
    shops: int
    generated: bool


# Approximate centres (latitude, longitude) of the metropolitan départements but Paris.
CENTRES: dict[str, tuple[float, float]] = {
    "01": (46.10, 5.35), "02": (49.55, 3.55), "03": (46.40, 3.20), "04": (44.10, 6.25),
    "05": (44.65, 6.25), "06": (43.95, 7.15), "07": (44.75, 4.40), "08": (49.60, 4.65),
    "09": (42.95, 1.50), "10": (48.30, 4.15), "11": (43.10, 2.40), "12": (44.30, 2.65),
    "13": (43.55, 5.10), "14": (49.10, -0.35), "15": (45.05, 2.65), "16": (45.70, 0.20),
    "17": (45.75, -0.75), "18": (47.05, 2.50), "19": (45.35, 1.85), "2A": (41.85, 8.95),
    "2B": (42.40, 9.20), "21": (47.40, 4.75), "22": (48.40, -2.85), "23": (46.10, 2.00),
    "24": (45.10, 0.75), "25": (47.15, 6.35), "26": (44.70, 5.15), "27": (49.10, 1.00),
    "28": (48.40, 1.35), "29": (48.25, -4.05), "30": (44.00, 4.20), "31": (43.35, 1.20),
    "32": (43.70, 0.45), "33": (44.85, -0.60), "34": (43.60, 3.40), "35": (48.15, -1.65),
    "36": (46.80, 1.55), "37": (47.25, 0.70), "38": (45.25, 5.60), "39": (46.75, 5.70),
    "40": (43.95, -0.80), "41": (47.60, 1.40), "42": (45.75, 4.15), "43": (45.10, 3.80),
    "44": (47.35, -1.80), "45": (47.90, 2.30), "46": (44.60, 1.60), "47": (44.35, 0.45),
    "48": (44.50, 3.50), "49": (47.40, -0.55), "50": (49.05, -1.30), "51": (48.95, 4.25),
    "52": (48.10, 5.20), "53": (48.15, -0.65), "54": (48.80, 6.15), "55": (49.00, 5.40),
    "56": (47.85, -2.80), "57": (49.05, 6.65), "58": (47.10, 3.50), "59": (50.45, 3.25),
    "60": (49.40, 2.45), "61": (48.60, 0.15), "62": (50.50, 2.30), "63": (45.70, 3.15),
    "64": (43.25, -0.75), "65": (43.05, 0.15), "66": (42.60, 2.50), "67": (48.65, 7.55),
    "68": (47.85, 7.25), "69": (45.85, 4.65), "70": (47.65, 6.10), "71": (46.65, 4.55),
    "72": (47.95, 0.20), "73": (45.50, 6.40), "74": (46.05, 6.40), "76": (49.65, 1.00),
    "77": (48.60, 2.95), "78": (48.80, 1.85), "79": (46.55, -0.30), "80": (49.95, 2.30),
    "81": (43.80, 2.15), "82": (44.05, 1.30), "83": (43.45, 6.20), "84": (44.00, 5.15),
    "85": (46.65, -1.30), "86": (46.55, 0.45), "87": (45.90, 1.25), "88": (48.20, 6.40),
    "89": (47.85, 3.55), "90": (47.65, 6.90), "91": (48.50, 2.25), "92": (48.85, 2.25),
    "93": (48.90, 2.48), "94": (48.78, 2.47), "95": (49.08, 2.15),
}  # fmt: skip
HALF_SIZE_KM = 40.0  # a département as an 80 km square; its share of the communes goes with its area
SMALL_HALF_SIZES_KM = {
    "69": 25.0,
    "78": 25.0,
    "90": 12.0,
    "91": 25.0,
    "92": 6.0,
    "93": 7.0,
    "94": 7.0,
    "95": 22.0,
}

PLANS: dict[str, ScalePlan] = {
    "department": ScalePlan(("44",), 200, 20_000, 0.85, 3_500, 0.8),
    "national": ScalePlan(tuple(CENTRES), 35_000, 1_000_000, 0.3, 1_000, 1.1),
}


def _box(departement: str) -> tuple[float, float, float, float]:
    """Return the (south, north, west, east) extent generated communes of `departement` lie in."""
    if departement == "44":
        return LOIRE_ATLANTIQUE
    latitude, longitude = CENTRES[departement]
    half = SMALL_HALF_SIZES_KM.get(departement, HALF_SIZE_KM)
    north = half / KM_PER_DEGREE
    east = half / (KM_PER_DEGREE * math.cos(math.radians(latitude)))
    return latitude - north, latitude + north, longitude - east, longitude + east


def apportion(total: int, weights: list[float], minimum: int = 0) -> list[int]:
    """Return whole numbers, each at least `minimum`, in proportion to `weights` and summing to
    `total` (largest remainders), or all `minimum` when `total` is too small for that."""
    if total <= minimum * len(weights):
        return [minimum] * len(weights)
    rest, whole = total - minimum * len(weights), sum(weights)
    shares = [rest * weight / whole for weight in weights]
    counts = [math.floor(share) for share in shares]
    by_remainder = sorted(range(len(weights)), key=lambda i: counts[i] - shares[i])
    for index in by_remainder[: rest - sum(counts)]:
        counts[index] += 1
    return [minimum + count for count in counts]


def _generated_row(rng: random.Random, plan: ScalePlan, departement: str, number: int) -> dict:
    """Return a generated commune as a row of the reference file: the `number`-th of its département."""
    code = f"{departement}{999 - number:03d}"
    population = round(rng.lognormvariate(math.log(plan.median_population), plan.population_sigma))
    population = min(300_000, max(40, population))
    south, north, west, east = _box(departement)
    postal = "20" if departement in ("2A", "2B") else departement
    return dict(
        insee_code=code,
        name=f"Commune générée {departement}-{code[2:]}",
        postal_code=f"{postal}{rng.randrange(10, 100) * 10:03d}",
        population_municipale_2023=population,
        population_municipale_2021=max(0, round(population / (1 + rng.gauss(0.01, 0.015)))),
        latitude=round(rng.uniform(south, north), 6),
        longitude=round(rng.uniform(west, east), 6),
    )


def plan_communes(
    scale: str, seed: int, today: dt.date, *, communes: int | None = None, shops: int | None = None
) -> list[PlannedCommune]:
    """Return the communes of a scaled store, the real ones first; `communes` and `shops` replace the
    scale's sizes (the tests build a reduced department)."""
    plan = PLANS[scale]
    rng = random.Random(f"wiker-demo-{scale}:{seed}")
    real = read_communes()
    half_sizes = [SMALL_HALF_SIZES_KM.get(d, HALF_SIZE_KM) for d in plan.departements]
    per_departement = apportion((communes or plan.communes) - len(real), [h * h for h in half_sizes])
    generated = [
        _generated_row(rng, plan, departement, number)
        for departement, count in zip(plan.departements, per_departement, strict=True)
        for number in range(count)
    ]
    real_shops = [shop_count(rng, int(row["population_municipale_2023"])) for row in real]
    left = (shops or plan.shops) - sum(real_shops)
    weights = [row["population_municipale_2023"] * rng.uniform(0.8, 1.2) for row in generated]
    generated_shops = apportion(left, weights, minimum=1)
    first = months_before(last_complete_month(today), VISIT_MONTHS - 1)
    joining_months = month_range(first, add_months(first, 11))
    planned = []
    flags = [False] * len(real) + [True] * len(generated)
    for row, count, is_generated in zip(real + generated, real_shops + generated_shops, flags, strict=True):
        member = not is_generated or rng.random() < plan.member_share
        joined_on = first if row["insee_code"] == DONGES else rng.choice(joining_months) if member else None
        planned.append(PlannedCommune(row, joined_on, count, is_generated))
    return planned


def _commune_data(seed: int, commune: PlannedCommune, today: dt.date, first_id: int) -> DemoData:
    """Return the rows of one commune: its shops (ids from `first_id`), histories, row and visits."""
    row, joined_on = commune.row, commune.joined_on
    code = row["insee_code"]
    rng = random.Random(f"{seed}:{code}")
    data = DemoData([], [], [], [], [], [])
    commune_shops(rng, row, joined_on, today, data, count=commune.shops, first_id=first_id)
    data.communes.append(commune_row(rng, row, joined_on, today, occupied_shops(data)[code]))
    data.commune_populations.extend(population_rows(row))
    if joined_on:
        population = int(row["population_municipale_2023"])
        data.monthly_visits.extend(monthly_visits(rng, code, population, joined_on, today, code == DONGES))
    return data


def _extend(data: DemoData, more: DemoData) -> DemoData:
    for f in fields(data):
        getattr(data, f.name).extend(getattr(more, f.name))
    return data


def _batches(planned: list[PlannedCommune]) -> list[tuple[int, list[PlannedCommune]]]:
    """Return the planned communes in runs of about CHUNK_SHOPS shops, each with its first shop id:
    ids follow the planned counts, so that a run can be drawn without the ones before it."""
    batches, batch, first_id, next_id = [], [], 1, 1
    for commune in planned:
        batch.append(commune)
        next_id += commune.shops
        if next_id - first_id >= CHUNK_SHOPS:
            batches.append((first_id, batch))
            batch, first_id = [], next_id
    if batch:
        batches.append((first_id, batch))
    return batches


def batch_data(seed: int, today: dt.date, first_id: int, batch: list[PlannedCommune]) -> DemoData:
    """Return the rows of a run of communes whose shop ids start at `first_id`."""
    data = DemoData([], [], [], [], [], [])
    for commune in batch:
        _extend(data, _commune_data(seed, commune, today, first_id))
        first_id += commune.shops
    return data


def scaled_chunks(
    planned: list[PlannedCommune], seed: int, today: dt.date, *, workers: int = 0
) -> Iterator[DemoData]:
    """Yield the rows of the `planned` communes, about CHUNK_SHOPS shops (and their events, visits,
    ...) at a time; drawn in `workers` other processes while the caller inserts, when given."""
    batches = _batches(planned)
    if not workers:
        for first_id, batch in batches:
            yield batch_data(seed, today, first_id, batch)
        return
    pool = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn"))
    try:
        pending: deque = deque()
        for first_id, batch in batches:
            pending.append(pool.submit(batch_data, seed, today, first_id, batch))
            if len(pending) > workers + 1:  # a few chunks ahead, never the whole store in memory
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
    finally:
        pool.shutdown(cancel_futures=True)


def load_scaled(
    engine: Engine,
    scale: str,
    *,
    seed: int | None = None,
    today: dt.date | None = None,
    force: bool = False,
    communes: int | None = None,
    shops: int | None = None,
    progress: Callable[[str], None] | None = None,
) -> DemoSummary:
    """Load the store of `scale` with the demo coordinator in one transaction, as `demo.load_demo`
    does, and return the row counts; `progress` receives a line of text about every tenth of it.
    The small scale is `demo.load_demo` itself (sizes and progress do not apply)."""
    if scale == "small":
        return load_demo(engine, seed=seed, today=today, force=force)
    seed, today = demo_seed() if seed is None else seed, today or dt.date.today()
    planned = plan_communes(scale, seed, today, communes=communes, shops=shops)
    target = sum(commune.shops for commune in planned)
    say = progress or (lambda line: None)
    generated = [c for c in planned if c.generated]
    inhabitants = sum(int(c.row["population_municipale_2023"]) for c in generated)
    say(
        f"{scale} scale, seed {seed}: {len(planned):,} communes ({len(generated):,} generated, "
        f"{sum(c.shops for c in generated) / max(1, inhabitants) * 1000:.1f} shops ever per 1,000 "
        f"of their {inhabitants:,} inhabitants), {target:,} shops"
    )
    start, reported = time.monotonic(), [0]

    def report(summary: DemoSummary) -> None:
        tenth = summary.shops * 10 // max(1, target)
        if tenth > reported[0]:
            reported[0] = tenth
            say(f"  {summary.describe()} ({time.monotonic() - start:.0f} s)")

    # Drawing a million shops takes about as long as inserting them: on a second core, both at once.
    workers = 1 if target >= PARALLEL_FROM_SHOPS and (os.cpu_count() or 1) > 1 else 0
    chunks = scaled_chunks(planned, seed, today, workers=workers)
    return load_rows(engine, chunks, force=force, progress=report)
