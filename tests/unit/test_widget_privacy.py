"""The widget's privacy line says what the retention settings do, and the served embed script carries it."""
import pytest

from console.app import create_app
from widget import privacy


@pytest.fixture
def client(tmp_path, monkeypatch):
    monkeypatch.setenv("PATHFINDER_SECRET_KEY", "test-secret")
    app = create_app(f"sqlite:///{tmp_path / 'p.db'}", f"sqlite:///{tmp_path / 't.db'}")
    return app.test_client()


def test_default_line_names_both_periods_in_plain_words(monkeypatch):
    monkeypatch.delenv("PATHFINDER_RETAIN_CONVERSATION_DAYS", raising=False)
    monkeypatch.delenv("PATHFINDER_RETAIN_SAFEGUARDING_DAYS", raising=False)
    monkeypatch.delenv("PATHFINDER_RETAIN_BOOKING_DAYS", raising=False)
    line = privacy.notice()
    assert "We keep this chat for 90 days (about 3 months), then delete it" in line
    assert "the staff who keep pupils safe see what you wrote, and we keep that for 1 year" in line
    assert "we delete your name and what you wanted to talk about 30 days after it" in line
    assert "12 months" not in line


def test_line_follows_the_settings(monkeypatch):
    monkeypatch.setenv("PATHFINDER_RETAIN_CONVERSATION_DAYS", "30")
    monkeypatch.setenv("PATHFINDER_RETAIN_SAFEGUARDING_DAYS", "2555")
    monkeypatch.setenv("PATHFINDER_RETAIN_BOOKING_DAYS", "14")
    line = privacy.notice()
    assert "this chat for 30 days, then delete it" in line
    assert "we keep that for 7 years" in line
    assert "what you wanted to talk about 14 days after it" in line


@pytest.mark.parametrize("days, words", [(1, "1 day"), (14, "14 days"), (180, "180 days (about 6 months)"),
                                         (365, "1 year"), (730, "2 years"), (400, "400 days (about 13 months)")])
def test_periods_in_words(days, words):
    assert privacy.in_words(days) == words


@pytest.mark.parametrize("variable", ["PATHFINDER_RETAIN_CONVERSATION_DAYS", "PATHFINDER_RETAIN_SAFEGUARDING_DAYS",
                                      "PATHFINDER_RETAIN_BOOKING_DAYS"])
@pytest.mark.parametrize("bad", ["0", "-5", "ninety", "90.5"])
def test_a_bad_setting_is_refused_by_name(monkeypatch, variable, bad):
    monkeypatch.setenv(variable, bad)
    with pytest.raises(ValueError, match=variable):
        privacy.notice()


def test_a_bad_setting_stops_the_app_at_start_up(monkeypatch, tmp_path):
    monkeypatch.setenv("PATHFINDER_SECRET_KEY", "test-secret")
    monkeypatch.setenv("PATHFINDER_RETAIN_SAFEGUARDING_DAYS", "forever")
    with pytest.raises(SystemExit, match="PATHFINDER_RETAIN_SAFEGUARDING_DAYS"):
        create_app(f"sqlite:///{tmp_path / 'p.db'}", f"sqlite:///{tmp_path / 't.db'}")


def test_served_embed_script_carries_the_current_line(client, monkeypatch):
    monkeypatch.setenv("PATHFINDER_RETAIN_CONVERSATION_DAYS", "60")
    response = client.get("/widget/embed.js")
    assert response.status_code == 200 and response.mimetype == "text/javascript"
    script = response.get_data(as_text=True)
    assert 'var PRIVACY_NOTICE = "We keep this chat for 60 days (about 2 months), then delete it' in script
    assert "no-cache" in response.headers["Cache-Control"]
