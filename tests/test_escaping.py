import pytest

from wiker_data.escaping import (
    control_characters,
    escape_markdown,
    escape_text,
    safe_url,
    strip_control_characters,
)


@pytest.mark.parametrize(
    ("char", "entity"),
    [
        ("&", "&amp;"),
        ("<", "&lt;"),
        (">", "&gt;"),
        ('"', "&quot;"),
        ("'", "&#x27;"),
        ("`", "&#96;"),
        ("$", "&#36;"),
        ("\\", "&#92;"),
    ],
)
def test_each_special_character_becomes_an_entity(char, entity):
    assert escape_text(f"a{char}b") == f"a{entity}b"


def test_template_literal_placeholder_is_inert():
    escaped = escape_text("${alert(1)}")
    assert escaped == "&#36;{alert(1)}"
    assert "${" not in escaped


def test_html_tag_is_inert():
    escaped = escape_text("<img src=x onerror=alert(1)>")
    assert escaped == "&lt;img src=x onerror=alert(1)&gt;"
    assert "<" not in escaped


def test_entities_added_for_javascript_are_not_escaped_twice():
    assert escape_text("Tom & Jerry $5") == "Tom &amp; Jerry &#36;5"


def test_none_gives_empty_text():
    assert escape_text(None) == ""


def test_plain_text_and_numbers_are_kept():
    assert escape_text("Boulangerie-pâtisserie") == "Boulangerie-pâtisserie"
    assert escape_text(12) == "12"


@pytest.mark.parametrize(
    "url",
    [
        "https://boulangerie-martin.fr",
        "http://example.org/shop?item=1&size=2#top",
        "HTTPS://EXAMPLE.ORG/",
        "https://épicerie-donges.fr/",
    ],
)
def test_web_links_are_kept(url):
    assert safe_url(url) == url


def test_surrounding_whitespace_is_stripped():
    assert safe_url("  https://example.org/a \n") == "https://example.org/a"


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "JAVASCRIPT:alert(1)",
        "JavaScript://example.org/%0aalert(1)",
        " javascript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "vbscript:msgbox(1)",
        "/x",
        "example.org",
        "//example.org/x",
        "http://",
        "https:///path",
        "https://example.org/a\nb",
        "https://example.org/a b",
        "https://exa\tmple.org",
        "https://example.org/\u202eevil",  # right-to-left override
        "https://example.org:port/",
        "https://mairie-donges.fr@evil.example",  # leads to evil.example
        "https://user:password@example.org/",
        "https://@example.org/",
        "",
        "   ",
        None,
        42,
    ],
)
def test_anything_but_a_web_link_with_a_host_is_refused(url):
    assert safe_url(url) is None


def test_markdown_marks_are_shown_as_written():
    # Each of these would make bold text, a link, an image, a heading, a colour or math in Markdown.
    assert escape_markdown("**x** [a](b) ![i](u) # :red[y] $z$") == (
        r"\*\*x\*\* \[a\]\(b\) \!\[i\]\(u\) \# \:red\[y\] \$z\$"
    )
    assert escape_markdown("Bar du Port") == "Bar du Port"
    assert escape_markdown(None) == ""


def test_control_characters_lists_all_but_tab_and_newline():
    # CR LF is a line break; a bare CR, NUL, ESC and the C1 "next line" are control characters.
    assert control_characters("a\r\nb\rc\x00\x1b\t\n\x85") == ["\r", "\x00", "\x1b", "\x85"]
    assert control_characters("Bar du Port\tquai\n2e ligne") == []


def test_strip_control_characters_keeps_the_lines():
    assert strip_control_characters("a\r\nb\rc\x00\x1b\t\n\x85") == "a\nb\nc\t\n"
