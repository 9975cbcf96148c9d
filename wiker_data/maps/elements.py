"""What the maps' custom folium elements share: JSON that is safe inside a <script> and inert to
Jinja, elements rendered once (no second template pass over user data), and the legend box."""

from __future__ import annotations

import json

from branca.element import Element, Figure, MacroElement
from folium.template import Template

from wiker_data.escaping import escape_text

CLOSED_OUTLINE = "#6B6B6B"

_LEGEND_TEMPLATE = r"""
{% macro header(this, kwargs) %}
<style>
.wiker-legend{background:rgba(255,255,255,0.92);padding:6px 9px;border-radius:4px;
  box-shadow:0 1px 4px rgba(0,0,0,0.35);font:12px/1.5 sans-serif;color:#222;max-width:260px}
.wiker-legend .wk-title{font-weight:bold;margin-bottom:2px}
.wiker-legend i{display:inline-block;width:11px;height:11px;border-radius:50%;margin-right:6px;
  vertical-align:-1px;border:1px solid #333;box-sizing:border-box}
.wiker-legend i.wk-hollow{border:1.5px dashed {{ this.closed_outline }}}
</style>
{% endmacro %}

{% macro script(this, kwargs) %}
var {{ this.get_name() }} = (function (map) {
    L.control.scale({imperial: false}).addTo(map);  // below the legend, in metres only
    var legend = L.control({position: "bottomleft"});
    legend.onAdd = function () {
        var div = L.DomUtil.create("div", "wiker-legend");
        div.innerHTML = {{ this.html_json }};
        L.DomEvent.disableClickPropagation(div);
        return div;
    };
    return legend.addTo(map);
})({{ this._parent.get_name() }});
{% endmacro %}
"""


def script_json(value: object) -> str:
    """Return `value` as JSON that can sit in a <script> element and pass through Jinja unchanged.

    "<" and ">" are written as \\u escapes so no "</script>" or "<!--" can appear, and so is the
    character after a "{" that would open a Jinja tag. branca re-renders an element's output as a
    template, where "{{ ... }}" in a shop's name would run on the server; our elements skip that
    pass (_RawMacroElement) and this is the second guard. In JSON these pairs only occur inside
    strings, where the escapes decode back to the same text.
    """
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    for raw, escaped in (
        ("<", "\\u003c"),
        (">", "\\u003e"),
        ("\u2028", "\\u2028"),
        ("\u2029", "\\u2029"),
        ("{{", "{\\u007b"),
        ("{%", "{\\u0025"),
        ("{#", "{\\u0023"),
    ):
        if raw in text:
            text = text.replace(raw, escaped)
    return text


class _Raw(Element):
    """Already-rendered text, added to the page without a second pass through Jinja."""

    def __init__(self, text: str):
        super().__init__()
        self.text = text

    def render(self, **kwargs) -> str:
        return self.text


class RawMacroElement(MacroElement):
    """A MacroElement whose header and script go into the page as rendered, once.

    MacroElement.render wraps each macro's output in a new Element, i.e. a new Jinja template,
    which costs ~0.4 s on 20,000 shops and would evaluate any template syntax in the data.
    """

    def render(self, **kwargs) -> None:
        figure = self.get_root()
        assert isinstance(figure, Figure), "You cannot render this Element if it is not in a Figure."
        module = self._template.module
        figure.header.add_child(_Raw(module.header(self, kwargs)), name=self.get_name())
        figure.script.add_child(_Raw(module.script(self, kwargs)), name=self.get_name())


class Legend(RawMacroElement):
    """A box at the bottom-left of the map naming the colours and styles shown, above a metric scale."""

    _template = Template(_LEGEND_TEMPLATE)

    def __init__(self, title: str, entries: list[tuple[str, str, bool]]):
        """`entries` are (label, fill colour, hollow) in display order; labels are escaped here."""
        super().__init__()
        self._name = "Legend"
        self.closed_outline = CLOSED_OUTLINE
        self.entries = entries
        lines = [f'<div class="wk-title">{escape_text(title)}</div>']
        for label, colour, hollow in entries:
            css_class = ' class="wk-hollow"' if hollow else ""
            lines.append(f'<div><i{css_class} style="background:{colour}"></i>{escape_text(label)}</div>')
        self.html_json = script_json("".join(lines))
