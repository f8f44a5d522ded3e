"""The credentials file Rasa runs with: guarded channels; REST off in production unless switched on."""
import pytest
import yaml

from bot.runtime_config import credentials, rest_enabled, write_credentials

REST, SOCKETIO = "bot.channels.GuardedRestInput", "bot.channels.GuardedSocketIOInput"


@pytest.fixture(autouse=True)
def clean_env(monkeypatch):
    monkeypatch.delenv("PATHFINDER_ENV", raising=False)
    monkeypatch.delenv("PATHFINDER_ENABLE_REST", raising=False)


def test_development_has_rest_and_socketio(tmp_path):
    written = yaml.safe_load(write_credentials(tmp_path / "credentials.yml").read_text())
    assert list(written) == [REST, SOCKETIO]
    assert written[SOCKETIO] == {"user_message_evt": "user_uttered", "bot_message_evt": "bot_uttered",
                                 "session_persistence": True}
    assert "rest" not in written and "socketio" not in written  # never Rasa's unguarded channels


def test_production_turns_rest_off_unless_asked(monkeypatch):
    monkeypatch.setenv("PATHFINDER_ENV", "production")
    assert list(credentials()) == [SOCKETIO]
    monkeypatch.setenv("PATHFINDER_ENABLE_REST", "1")
    assert list(credentials()) == [REST, SOCKETIO]


def test_rest_can_be_switched_off_in_development(monkeypatch):
    monkeypatch.setenv("PATHFINDER_ENABLE_REST", "0")
    assert not rest_enabled() and list(credentials()) == [SOCKETIO]
    monkeypatch.setenv("PATHFINDER_ENABLE_REST", "maybe")
    with pytest.raises(SystemExit, match="PATHFINDER_ENABLE_REST"):
        rest_enabled()


def test_the_launcher_runs_rasa_with_the_generated_credentials(tmp_path, monkeypatch):
    from bot.launch import rasa_server_cmd
    monkeypatch.setenv("PATHFINDER_ENV", "production")
    cmd = rasa_server_cmd(tmp_path / "endpoints.yml", 5999)
    path = cmd[cmd.index("--credentials") + 1]
    assert path == str(tmp_path / "credentials.yml")
    assert list(yaml.safe_load(open(path))) == [SOCKETIO]
