"""Settings, declared once: each has a default and a line of help, and can be
overridden through the environment."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = PROJECT_ROOT / "data"
COMMUNES_CSV = DATA_DIR / "communes_loire_atlantique.csv"


@dataclass(frozen=True)
class Setting:
    env: str
    default: str
    help: str

    def value(self) -> str:
        return os.environ.get(self.env) or self.default


DATABASE_URL = Setting(
    env="WIKER_DATABASE_URL",
    default=f"sqlite:///{DATA_DIR / 'wiker.db'}",
    help="SQLAlchemy URL of the store (SQLite file by default, PostgreSQL via postgresql+psycopg://...).",
)
DEMO_SEED = Setting(
    env="WIKER_DEMO_SEED",
    default="2015",
    help="Seed of the demo data generator: the same seed and date give the same store.",
)

OVERPASS_URL = Setting(
    env="WIKER_OVERPASS_URL",
    default="https://overpass-api.de/api/interpreter",
    help="Overpass API endpoint that `import osm --fetch` asks for a commune's shops.",
)

SETTINGS = (DATABASE_URL, DEMO_SEED, OVERPASS_URL)


def database_url() -> str:
    """Return the store's SQLAlchemy URL."""
    return DATABASE_URL.value()
