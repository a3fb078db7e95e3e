"""The helpers the form macros use to write attributes and the options of a drop-down list."""

from types import SimpleNamespace

from ideashub.core.templating import choices, html_attrs


def test_html_attrs_writes_true_bare_leaves_out_none_and_false_and_escapes():
    assert html_attrs({"maxlength": 120, "required": True}) == ' maxlength="120" required'
    assert html_attrs({"required": False, "placeholder": None}) == ""
    assert html_attrs({}) == "" and html_attrs(None) == ""
    assert html_attrs({"placeholder": '"><script>'}) == ' placeholder="&#34;&gt;&lt;script&gt;"'


def test_html_attrs_keeps_the_order_given():
    assert html_attrs({"form": "shortlist-form", "data-move-form": True}) == ' form="shortlist-form" data-move-form'


def test_choices_reads_value_and_text_from_each_item():
    teams = [SimpleNamespace(id=1, name="Falls"), SimpleNamespace(id=2, name="Fleet")]
    assert choices(teams) == [(1, "Falls"), (2, "Fleet")]
    assert choices([SimpleNamespace(id=7, title="Tell us once")], "id", "title") == [(7, "Tell us once")]
    assert choices([]) == []
