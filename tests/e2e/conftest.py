"""One trained model and one pair of servers serve every end-to-end test in a run."""
import pytest

from bot.local_servers import start


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/e2e/" in str(item.fspath).replace("\\", "/"):
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def servers(tmp_path_factory):
    running = start(tmp_path_factory.mktemp("e2e"))
    try:
        yield running
    finally:
        running.stop()
