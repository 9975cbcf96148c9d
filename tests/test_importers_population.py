"""INSEE population files in their three layouts, written by the tests with real figures:
Donges 44052 has 8219 inhabitants in 2023 (8113 in 2021), Trignac 44210 8397 (8106)."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from tests.builders import add_commune
from wiker_data.cli.main import main
from wiker_data.importers import ImportActor, ImportFailed
from wiker_data.importers.population import plan_population_import
from wiker_data.importers.population_layouts import normalise_code
from wiker_data.models import AuditEntry, Commune, CommunePopulation
from wiker_data.services import undo, write_transaction
from wiker_data.services.imports import apply_population_import

CURRENT = (
    "REG;Région;DEP;CODARR;CODCAN;CODCOM;COM;Commune;PMUN;PCAP;PTOT\n"
    "52;Pays de la Loire;44;3;27;052;44052;Donges;8219;79;8298\n"
    "52;Pays de la Loire;44;3;27;210;44210;Trignac;8397;120;8517\n"
    "52;Pays de la Loire;44;3;24;184;44184;Saint-Nazaire;74 568;1675;76243\n"
)
OLDER = (
    "CODREG;REG;CODDEP;CODARR;CODCAN;CODCOM;COM;PMUN;PCAP;PTOT\n"
    "52;Pays de la Loire;44;3;27;052;Donges;8219;79;8298\n"
    "52;Pays de la Loire;44;3;27;210;Trignac;8397;120;8517\n"
    "52;Pays de la Loire;44;3;24;184;Saint-Nazaire;74\u202f568;1675;76243\n"
)
FRENCH = (
    "Code région;Nom de la région;Code département;Code arrondissement;Code canton;Code commune;"
    "Nom de la commune;Population municipale;Population comptée à part;Population totale\n"
    "52;Pays de la Loire;44;3;27;052;Donges;8219;79;8298\n"
    "52;Pays de la Loire;44;3;27;210;Trignac;8397;120;8517\n"
    "52;Pays de la Loire;44;3;24;184;Saint-Nazaire;74 568;1675;76243\n"
)
LAYOUTS = {"donnees_communes": CURRENT, "older INSEE": OLDER, "French headers": FRENCH}


@pytest.fixture
def two_communes(engine):
    """Donges already at its 2023 figure, Trignac at its 2021 figure; Saint-Nazaire not in the store."""
    with Session(engine) as session:
        add_commune(session, "44052", "Donges", population=8219, population_year=2023)
        session.add(CommunePopulation(commune_code="44052", year=2023, population=8219))
        add_commune(session, "44210", "Trignac", postal_code="44570", population=8106, population_year=2021)
        session.add(CommunePopulation(commune_code="44210", year=2021, population=8106))
        session.commit()
    return engine


def write(tmp_path, text: str, encoding: str = "utf-8", name: str = "donnees_communes.csv"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def plan(engine, path, **options):
    with Session(engine) as session:
        return plan_population_import(session, path, **options)


def populations(engine) -> dict[str, tuple]:
    with Session(engine) as session:
        communes = {c.code: (c.population, c.population_year) for c in session.scalars(select(Commune))}
        history = {(r.commune_code, r.year): r.population for r in session.scalars(select(CommunePopulation))}
        return {"communes": communes, "history": history}


def audit(engine) -> list[AuditEntry]:
    with Session(engine) as session:
        return list(session.scalars(select(AuditEntry).order_by(AuditEntry.id)))


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
def test_each_layout_plans_one_updated_one_unchanged_and_skips_a_commune_not_in_the_store(
    two_communes, tmp_path, layout
):
    result = plan(two_communes, write(tmp_path, LAYOUTS[layout]), year=2023)
    assert result.layout == layout
    assert [(c.code, c.before, c.after) for c in result.updated] == [("44210", None, 8397)]
    assert [(c.code, c.before, c.after) for c in result.unchanged] == [("44052", 8219, 8219)]
    assert [(r.code, r.name, r.population) for r in result.skipped] == [("44184", "Saint-Nazaire", 74568)]
    assert result.new == [] and result.rejected == []


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
def test_applying_updates_the_figure_and_the_history_of_the_year(two_communes, tmp_path, layout):
    path = write(tmp_path, LAYOUTS[layout])
    with write_transaction(two_communes) as session:
        summary = apply_population_import(session, plan_population_import(session, path, year=2023))
    assert (summary.created, summary.updated) == (0, 1)
    stored = populations(two_communes)
    assert stored["communes"] == {"44052": (8219, 2023), "44210": (8397, 2023)}
    assert stored["history"] == {("44052", 2023): 8219, ("44210", 2021): 8106, ("44210", 2023): 8397}


def test_an_older_year_goes_to_the_history_only(two_communes, tmp_path):
    path = write(tmp_path, "\n".join(CURRENT.replace("8219;79", "8113;79").splitlines()[:2]) + "\n")
    with write_transaction(two_communes) as session:
        result = plan_population_import(session, path, year=2021)
        assert [(c.code, c.before, c.after) for c in result.updated] == [("44052", None, 8113)]
        apply_population_import(session, result)
    stored = populations(two_communes)
    assert stored["communes"]["44052"] == (8219, 2023)
    assert stored["history"][("44052", 2021)] == 8113


def test_add_communes_creates_the_missing_ones_outside_the_network(two_communes, tmp_path):
    path = write(tmp_path, CURRENT)
    with write_transaction(two_communes) as session:
        result = plan_population_import(session, path, year=2023, add_communes=True)
        assert [(r.code, r.name, r.population) for r in result.new] == [("44184", "Saint-Nazaire", 74568)]
        assert result.skipped == []
        summary = apply_population_import(session, result)
    assert (summary.created, summary.updated) == (1, 1)
    with Session(two_communes) as session:
        created = session.get(Commune, "44184")
        assert (created.name, created.departement, created.population, created.population_year) == (
            "Saint-Nazaire",
            "44",
            74568,
            2023,
        )
        assert created.joined_on is None and created.latitude is None and created.longitude is None
        assert session.get(CommunePopulation, ("44184", 2023)).population == 74568


def test_every_imported_change_is_audited_with_the_source_import(two_communes, tmp_path):
    path = write(tmp_path, CURRENT)
    with write_transaction(two_communes) as session:
        apply_population_import(session, plan_population_import(session, path, year=2023, add_communes=True))
    entries = audit(two_communes)
    assert [(e.action, e.entity_id, e.source, e.actor) for e in entries] == [
        ("update", "44210", "insee", "import population"),
        ("create", "44184", "insee", "import population"),
    ]
    update = entries[0]
    assert {k: v for k, v in update.before.items() if k != "updated_at"} == {
        "population": 8106,
        "population_year": 2021,
        "population_in_2023": None,
    }
    assert {k: v for k, v in update.after.items() if k != "updated_at"} == {
        "population": 8397,
        "population_year": 2023,
        "population_in_2023": 8397,
    }
    assert entries[1].before is None and entries[1].after["population"] == 74568


def test_reimporting_the_same_file_changes_nothing(two_communes, tmp_path):
    path = write(tmp_path, CURRENT)
    for _ in range(2):
        with write_transaction(two_communes) as session:
            apply_population_import(session, plan_population_import(session, path, year=2023))
    assert len(audit(two_communes)) == 1
    result = plan(two_communes, path, year=2023)
    assert (len(result.updated), len(result.unchanged)) == (0, 2)


def test_bad_rows_are_rejected_with_their_row_number_and_the_rest_is_imported(two_communes, tmp_path):
    text = (
        CURRENT.splitlines()[0] + "\n"
        "52;Pays de la Loire;44;3;27;052;44052;Donges;8219;79;8298\n"  # row 2
        "52;Pays de la Loire;44;3;27;103;44103;Montoir-de-Bretagne;abc;96;7378\n"  # row 3
        "52;Pays de la Loire;44;3;27;999;4X999;Nowhere;10;0;10\n"  # row 4
        "52;Pays de la Loire;44;3;27;210;44210;Trignac;8397\n"  # row 5, truncated
        "52;Pays de la Loire;44;3;27;052;44052;Donges;8219;79;8298\n"  # row 6, twice
        "52;Pays de la Loire;44;3;27;210;44210;Trignac;8 397;120;8517\n"  # row 7
    )
    path = write(tmp_path, text)
    result = plan(two_communes, path, year=2023)
    assert [str(r) for r in result.rejected] == [
        "row 3: PMUN 'abc' is not a whole number",
        "row 4: COM '4X999' is not an INSEE commune code",
        "row 5: has 9 fields, the header has 11",
        "row 6: 44052 2023 is already on row 2",
    ]
    assert result.counts() == {"new": 0, "updated": 1, "unchanged": 1, "rejected": 4, "skipped": 0}
    assert main(["import", "population", str(path), "--year", "2023"]) == 0
    assert populations(two_communes)["communes"]["44210"] == (8397, 2023)


def test_the_year_is_required_for_a_layout_without_one(two_communes, tmp_path, capsys):
    path = write(tmp_path, CURRENT)
    with pytest.raises(ImportFailed, match="donnees_communes layout gives no year: give it with --year"):
        plan(two_communes, path)
    assert main(["import", "population", str(path)]) == 1
    assert "--year" in capsys.readouterr().err


def test_a_year_column_gives_the_year(two_communes, tmp_path):
    path = write(tmp_path, "ANNEE;" + CURRENT.replace("\n52;", "\n2023;52;"))
    result = plan(two_communes, path)
    assert [(c.code, c.year, c.after) for c in result.updated] == [("44210", 2023, 8397)]


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("", "is empty"),
        ("\n\n", "is empty"),
        ("insee_code,name,population\n44052,Donges,8219\n", "unknown header"),
        ("REG;DEP;COM;PTOT\n52;44;44052;8298\n", "unknown header"),
        (CURRENT.splitlines()[0] + "\n", "has a header but no rows"),
    ],
)
def test_a_fatal_problem_names_the_file_and_writes_nothing(two_communes, tmp_path, capsys, text, problem):
    path = write(tmp_path, text)
    before = populations(two_communes)
    with pytest.raises(ImportFailed, match=problem) as failed:
        plan(two_communes, path, year=2023)
    assert str(path) in str(failed.value)
    assert main(["import", "population", str(path), "--year", "2023"]) == 1
    error = capsys.readouterr().err
    assert error.startswith(f"error: {path}: ") and problem in error and error.count("\n") == 1
    assert populations(two_communes) == before and audit(two_communes) == []


def test_an_error_while_applying_leaves_the_store_unchanged(two_communes, tmp_path):
    path = write(tmp_path, CURRENT)
    before = populations(two_communes)
    with pytest.raises(RuntimeError, match="stop"), write_transaction(two_communes) as session:
        apply_population_import(session, plan_population_import(session, path, year=2023, add_communes=True))
        raise RuntimeError("stop")
    assert populations(two_communes) == before and audit(two_communes) == []


def test_apply_refuses_a_session_outside_a_write_transaction(two_communes, tmp_path):
    path = write(tmp_path, CURRENT)
    with Session(two_communes) as session, pytest.raises(RuntimeError, match="write_transaction"):
        apply_population_import(session, plan_population_import(session, path, year=2023))


def test_dry_run_shows_the_counts_and_writes_nothing(two_communes, tmp_path, capsys):
    path = write(tmp_path, CURRENT)
    before = populations(two_communes)
    assert main(["import", "population", str(path), "--year", "2023", "--add-communes", "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "new: 1, updated: 1, unchanged: 1, rejected: 0" in out
    assert "dry run: nothing written" in out
    assert populations(two_communes) == before and audit(two_communes) == []


def test_the_command_prints_the_preview_then_applies(two_communes, tmp_path, capsys):
    path = write(tmp_path, CURRENT)
    assert main(["import", "population", str(path), "--year", "2023", "--add-communes"]) == 0
    out = capsys.readouterr().out
    assert "new: 1, updated: 1, unchanged: 1, rejected: 0" in out
    assert "imported: 1 communes created, 1 updated" in out
    assert populations(two_communes)["communes"]["44184"] == (74568, 2023)


def test_a_file_with_a_bom_is_read(two_communes, tmp_path):
    result = plan(two_communes, write(tmp_path, "\ufeff" + CURRENT), year=2023)
    assert (result.layout, result.encoding) == ("donnees_communes", "utf-8")
    assert [c.code for c in result.updated] == ["44210"]


def test_a_latin_1_file_is_read(two_communes, tmp_path):
    text = FRENCH.replace("Saint-Nazaire", "Saint-Éloi-des-Prés")
    result = plan(two_communes, write(tmp_path, text, "latin-1"), year=2023, add_communes=True)
    assert (result.layout, result.encoding) == ("French headers", "latin-1")
    assert [(r.code, r.name) for r in result.new] == [("44184", "Saint-Éloi-des-Prés")]


def test_corsica_keeps_its_letter_and_overseas_codes_have_five_characters(engine, tmp_path):
    text = (
        OLDER.splitlines()[0]
        + "\n94;Corse;2A;1;1;004;Ajaccio;74 066;1;74067\n1;Guadeloupe;971;1;1;101;Les Abymes;53 000;1;53001\n"
    )
    result = plan(engine, write(tmp_path, text), year=2023, add_communes=True)
    assert [(r.code, r.name, r.population) for r in result.new] == [
        ("2A004", "Ajaccio", 74066),
        ("97101", "Les Abymes", 53000),
    ]
    with write_transaction(engine) as session:
        apply_population_import(session, result)
    with Session(engine) as session:
        assert session.get(Commune, "97101").departement == "971"
        assert session.get(Commune, "2A004").departement == "2A"


@pytest.mark.parametrize(
    ("departement", "commune", "code"),
    [
        ("44", "052", "44052"),
        ("44", "52", "44052"),
        ("1", "4", "01004"),
        ("2a", "004", "2A004"),
        ("971", "101", "97101"),
        ("971", "01", "97101"),
        ("44", "0521", None),
        ("4X", "052", None),
    ],
)
def test_normalise_code(departement, commune, code):
    assert normalise_code(departement, commune) == code


def test_an_imported_update_can_be_undone(two_communes, tmp_path):
    before = populations(two_communes)
    with write_transaction(two_communes) as session:
        apply_population_import(session, plan_population_import(session, write(tmp_path, CURRENT), year=2023))
    with write_transaction(two_communes) as session:
        undo(session, ImportActor("ada"), audit(two_communes)[0].id)
    assert populations(two_communes) == before


def test_progress_reaches_the_end_of_the_file(two_communes, tmp_path):
    seen: list[float] = []
    plan(two_communes, write(tmp_path, CURRENT), year=2023, progress=seen.append)
    assert seen[-1] == 1.0


def test_undoing_a_commune_the_import_added_is_refused_cleanly(engine, tmp_path):
    from sqlalchemy import select

    from wiker_data import services
    from wiker_data.models import AuditEntry

    path = tmp_path / "new.csv"
    path.write_text(
        "REG;Région;DEP;CODARR;CODCAN;CODCOM;COM;Commune;PMUN;PCAP;PTOT\n"
        "52;Pays de la Loire;44;3;27;184;44184;Saint-Nazaire;74568;1675;76243\n",
        encoding="utf-8",
    )
    with services.write_transaction(engine) as session:
        apply_population_import(session, plan_population_import(session, path, year=2023, add_communes=True))
    admin = ImportActor("an admin")
    with services.write_transaction(engine) as session:
        created = session.scalar(select(AuditEntry.id).where(AuditEntry.action == "create"))
    with pytest.raises(services.ValidationError), services.write_transaction(engine) as session:
        services.undo(session, admin, created)


def test_an_empty_population_cell_is_rejected_and_the_stored_figure_stays(two_communes, tmp_path):
    # Donges' PMUN cell is empty: its row is rejected (not read as 0), its 8219 of 2023 stays;
    # Trignac's 8397 is the one update (8106 was 2021's).
    path = write(tmp_path, CURRENT.replace("44052;Donges;8219;", "44052;Donges;;"))
    result = plan(two_communes, path, year=2023)
    assert [row.row for row in result.rejected] == [2]
    assert [change.code for change in result.updated] == ["44210"]
    with write_transaction(two_communes) as session:
        apply_population_import(session, result)
    assert populations(two_communes)["communes"]["44052"] == (8219, 2023)
