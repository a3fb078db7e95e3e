"""People's rights: the pure rules (names, placeholders, who may decide, retention, redaction)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from types import SimpleNamespace

from ideashub.privacy import rules

NOW = datetime(2026, 3, 10, 9, 0, tzinfo=UTC)


def person(role="member", active=True, erased_at=None):
    return SimpleNamespace(role=role, active=active, erased_at=erased_at)


def test_an_erased_person_is_a_former_colleague_of_their_team():
    assert rules.former_name("Housing repairs") == "Former colleague (Housing repairs)"
    assert rules.former_name(None) == "Former colleague"
    long = rules.former_name("T" * 120)
    assert len(long) <= rules.NAME_MAX and long.startswith("Former colleague (T") and long.endswith("…)")


def test_the_placeholder_address_is_unique_and_undeliverable():
    assert rules.placeholder_email(7) != rules.placeholder_email(8)
    assert rules.placeholder_email(7).endswith("@erased.invalid")


def test_a_person_asks_once_at_a_time_and_never_after_being_erased():
    assert rules.can_request_erasure(person(), pending=False)
    assert not rules.can_request_erasure(person(), pending=True)
    assert not rules.can_request_erasure(person(erased_at=NOW), pending=False)


def test_only_admins_decide_and_only_waiting_requests():
    admin = person("admin")
    assert rules.can_decide_erasure(admin, "pending", person(), 1, "pending")
    refused = rules.can_decide_erasure(person("moderator"), "pending", person(), 1, "pending")
    assert not refused and refused.kind == "forbidden"
    assert not rules.can_decide_erasure(admin, "approved", person(), 2, "pending")


def test_the_last_active_admin_cannot_be_erased_but_one_of_two_can():
    last = rules.can_decide_erasure(person("admin"), "pending", person("admin"), 1, "pending")
    assert not last and "last active admin" in last.reason
    assert rules.can_decide_erasure(person("admin"), "pending", person("admin"), 2, "pending")
    assert rules.can_decide_erasure(person("admin"), "pending", person("admin", active=False), 1, "pending")


def test_retention_is_off_without_days_and_counts_back_from_now():
    assert rules.retention_cutoff(NOW, 0) is None
    assert rules.retention_cutoff(NOW, None) is None
    assert rules.retention_cutoff(NOW, 30) == NOW - timedelta(days=30)


def test_redaction_takes_out_the_name_and_email_in_any_case_and_in_nested_data():
    redact = rules.redactor("Zeb Quarry", "zeb@x.gov.uk", "Former colleague (Depot)")
    assert redact("Thanks @zeb quarry and ZEB@X.GOV.UK!") == "Thanks @Former colleague (Depot) and Former colleague (Depot)!"
    assert redact({"email": "zeb@x.gov.uk", "list": ["Zeb Quarry", 3]}) == {
        "email": "Former colleague (Depot)", "list": ["Former colleague (Depot)", 3]}
    assert redact("Someone else entirely") == "Someone else entirely"
    assert redact(None) is None


def test_only_admins_handle_erasure_requests():
    assert rules.can_handle_erasures(person("admin"))
    for role in ("member", "executive", "moderator"):
        assert rules.can_handle_erasures(person(role)).kind == "forbidden"
    assert not rules.can_handle_erasures(None)
