"""i18n.plural: the message form Babel's plural rule takes for a count, in each language."""

import pytest

from wiker_data.i18n import plural


@pytest.mark.parametrize(
    ("count", "fr", "en"),
    [
        (0, "0 commerce affiché", "0 shops shown"),  # French counts 0 as one, English as other
        (1, "1 commerce affiché", "1 shop shown"),
        (2, "2 commerces affichés", "2 shops shown"),
        (3082, "3\u202f082 commerces affichés", "3,082 shops shown"),
    ],
)
def test_plural_follows_each_languages_rule(count, fr, en):
    assert (plural("map.count", count, "fr"), plural("map.count", count, "en")) == (fr, en)
