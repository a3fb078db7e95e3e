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


def test_option_tags_escape_every_value_and_text_and_mark_the_chosen_one():
    from ideashub.core.templating import option_tags

    html = str(option_tags([(1, "<script>x</script>"), ('2"', "Two"), ("Group & co", [(3, "Three")])], selected=3))
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert 'value="2&#34;"' in html
    assert '<optgroup label="Group &amp; co"><option value="3" selected>Three</option></optgroup>' in html
    assert html.count(" selected") == 1
    assert " selected" not in str(option_tags([(1, "One")], selected=None))
