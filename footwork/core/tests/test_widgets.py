"""The inputs drawn without templates give exactly Django's own markup."""

from __future__ import annotations

from django import forms
from hypothesis import given
from hypothesis import strategies as st

from footwork.core import widgets

PAIRS = [
    (widgets.NumberInput, forms.NumberInput),
    (widgets.TextInput, forms.TextInput),
    (widgets.HiddenInput, forms.HiddenInput),
]
attribute_values = st.one_of(st.booleans(), st.integers(-5, 500), st.text(max_size=12))
attributes = st.dictionaries(
    st.sampled_from(["id", "min", "max", "required", "aria-invalid", "data-x"]), attribute_values
)


@given(
    value=st.one_of(st.none(), st.integers(-10, 10), st.text(max_size=20)),
    attrs=attributes,
    name=st.sampled_from(["pain", "achilles_pain", 'a"b<c>']),
)
def test_each_input_renders_as_django_renders_it(value, attrs, name):
    for fast, django in PAIRS:
        assert fast(attrs={"inputmode": "numeric"}).render(name, value, attrs) == django(
            attrs={"inputmode": "numeric"}
        ).render(name, value, attrs)


def test_a_bound_field_with_an_error_keeps_its_aria_attributes():
    class Form(forms.Form):
        pain = forms.IntegerField(min_value=0, max_value=10, widget=widgets.NumberInput)

    class Reference(forms.Form):
        pain = forms.IntegerField(min_value=0, max_value=10)

    ours, theirs = Form(data={"pain": "11"}), Reference(data={"pain": "11"})
    assert not ours.is_valid()
    assert not theirs.is_valid()
    assert str(ours["pain"]) == str(theirs["pain"])
    assert 'aria-invalid="true"' in str(ours["pain"])


@given(
    choices=st.lists(
        st.tuples(st.one_of(st.integers(0, 999), st.text(max_size=6)), st.text(max_size=12)), max_size=8
    ),
    value=st.one_of(st.none(), st.integers(0, 999), st.text(max_size=6)),
    attrs=attributes,
)
def test_a_select_renders_as_django_renders_it(choices, value, attrs):
    choices = [("", "Every runner"), *choices]
    ours = widgets.Select(choices=choices).render("runner", value, attrs)
    assert ours == forms.Select(choices=choices).render("runner", value, attrs)
