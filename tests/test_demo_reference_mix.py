"""The demo's category mix follows the published counts of wiker_data.demo.reference_mix."""

import datetime as dt
import random
from collections import Counter

import pytest

from wiker_data.categories import CATEGORIES
from wiker_data.demo.generator import generate_demo
from wiker_data.demo.reference_mix import REFERENCES, SHARES, draw_categories

TODAY = dt.date(2026, 11, 26)

# Establishments per 10,000 inhabitants, written out from the published figures (see reference_mix):
# BPE 2013 densities as published; counts divided by the population they refer to; halves where one
# figure covers two categories; the nine estimates; supermarkets left out.
BPE = 7.0 + 3.4 + 0.4 + 4.4 + 3.1 + 2.6 + 1.3 + 10.6 + 2.0 + 1.9 + 12.8 + 7.0 + 1.8  # 58.3
PHARMACIES = 19_887 / 66.1e6 * 10_000  # 3.009
OPTICIANS = 19.4 / 10  # 19.4 per 100,000
TOBACCONISTS = 25_000 / 64.9e6 * 10_000  # 3.852
EAT_DRINK = 159_000 * (0.58 + 0.25 + 0.20) / 65.3e6 * 10_000  # 25.08
ESTIMATES = 1.5 + 1.5 + 0.8 + 1.5 + 1.2 + 0.5 + 1.2 + 1.5 + 0.5  # 10.2
TOTAL = BPE + PHARMACIES + OPTICIANS + TOBACCONISTS + EAT_DRINK + ESTIMATES  # 102.38


@pytest.fixture(scope="module")
def data():
    return generate_demo(seed=2015, today=TODAY)


def test_shares_are_the_published_densities_over_their_sum():
    assert round(TOTAL, 2) == 102.38
    assert SHARES["bakery"] == pytest.approx(7.0 / TOTAL)  # 6.8 %
    assert SHARES["hairdresser"] == pytest.approx(12.8 / TOTAL)
    assert SHARES["grocery"] == SHARES["convenience"] == pytest.approx(4.4 / 2 / TOTAL)
    assert SHARES["optician"] == pytest.approx(1.94 / TOTAL)  # 1.9 %
    assert SHARES["tobacco"] == pytest.approx(TOBACCONISTS / TOTAL)  # 3.8 %
    assert SHARES["restaurant"] == pytest.approx(159_000 * 0.58 / 65.3e6 * 10_000 / TOTAL)  # 13.8 %
    assert SHARES["supermarket"] == 0
    assert sum(SHARES.values()) == pytest.approx(1)
    assert list(SHARES) == [c.key for c in CATEGORIES]


def test_every_reference_says_where_it_comes_from():
    for key, reference in REFERENCES.items():
        assert reference.source and reference.code, key
        assert 2012 <= reference.year <= 2026, key
    estimates = {key for key, reference in REFERENCES.items() if reference.code == "estimate"}
    small = "greengrocer drinks leather jeweller perfumery toys sports second_hand cobbler"
    assert estimates == set(small.split())
    assert all("estimate" in REFERENCES[key].source for key in estimates)


def test_each_category_gets_its_share_rounded_down_or_up():
    shares = {"a": 0.5, "b": 0.3, "c": 0.2}
    for seed in range(20):
        drawn = Counter(draw_categories(random.Random(seed), 7, shares))
        # 3.5, 2.1 and 1.4 shops: 3, 2 and 1 for sure, and the seventh shop goes to one of them
        assert sum(drawn.values()) == 7
        assert drawn["a"] in (3, 4) and drawn["b"] in (2, 3) and drawn["c"] in (1, 2)
    assert Counter(draw_categories(random.Random(1), 10, shares)) == {"a": 5, "b": 3, "c": 2}  # exact


def test_the_leftover_shop_goes_to_a_category_in_proportion_to_its_rounded_off_part():
    shares = {"a": 0.5, "b": 0.3, "c": 0.2}
    # 7 shops: 3.5, 2.1 and 1.4; the seventh goes to a, b or c with chances 0.5, 0.1 and 0.4.
    extra = Counter()
    for seed in range(3000):
        drawn = Counter(draw_categories(random.Random(seed), 7, shares))
        extra.update(key for key, floor in (("a", 3), ("b", 2), ("c", 1)) if drawn[key] > floor)
    assert extra.total() == 3000
    assert extra["a"] / 3000 == pytest.approx(0.5, abs=0.04)
    assert extra["b"] / 3000 == pytest.approx(0.1, abs=0.03)
    assert extra["c"] / 3000 == pytest.approx(0.4, abs=0.04)


def test_the_leftover_shops_go_to_different_categories_in_random_order():
    shares = {"a": 0.25, "b": 0.25, "c": 0.25, "d": 0.25}
    for seed in range(20):
        drawn = draw_categories(random.Random(seed), 3, shares)
        assert len(set(drawn)) == 3  # 0.75 each: three of the four, once each
    orders = {tuple(draw_categories(random.Random(seed), 8, shares)) for seed in range(10)}
    assert len(orders) > 1  # shuffled: the opening order is not the category order


def test_the_same_seed_draws_the_same_categories():
    assert draw_categories(random.Random(5), 62) == draw_categories(random.Random(5), 62)


def test_network_shares_follow_the_reference_within_a_shop_per_commune(data):
    found = Counter(shop["category"] for shop in data.shops)
    # Each commune's count of a category is its shops × the share, rounded down or up: over the 22
    # communes the network's count is within 22 shops of the exact figure.
    tolerance = len(data.communes) / len(data.shops)  # about 0.005
    for key, share in SHARES.items():
        assert found[key] / len(data.shops) == pytest.approx(share, abs=tolerance), key
    assert found["bakery"] / len(data.shops) == pytest.approx(7.0 / TOTAL, abs=tolerance)
    assert found["supermarket"] == 0


def test_donges_has_a_believable_mix(data):
    last = {}
    for event in data.status_events:  # in date order within a shop
        last[event["shop_id"]] = event["kind"]
    donges = [s for s in data.shops if s["commune_code"] == "44052"]
    today = Counter(s["category"] for s in donges if last[s["id"]] != "closed")  # not closed for good
    assert today["tobacco"] <= 2
    assert today["optician"] <= 2
    assert today["bakery"] >= 2
    assert today["hairdresser"] >= 2 and today["restaurant"] >= 2
    # Ever: Donges has 49 to 74 shops (7.5 per 1,000 of 8,219 inhabitants is 61.6, ±20 %), so that
    # opticians are 49 × 0.019 = 0.9 to 74 × 0.019 = 1.4, i.e. 0 to 2, bakeries 3.4 to 5.1, i.e. 3 to 6.
    ever = Counter(s["category"] for s in donges)
    assert 49 <= len(donges) <= 74
    assert ever["optician"] <= 2
    assert 3 <= ever["bakery"] <= 6
