import shutil
import socket
import subprocess
import time

import pytest


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def own_redis(tmp_path):
    """A Redis server of this test's own, which it may stop and start again (empty: it keeps
    nothing on disk). Yields (port, stop, start)."""
    binary = shutil.which("redis-server")
    if not binary:
        pytest.skip("redis-server is not installed (apt-get install redis-server): this test stops a Redis")
    port = free_port()
    args = [binary, "--port", str(port), "--save", "", "--appendonly", "no", "--dir", str(tmp_path)]

    def start():
        process = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 10
        while True:
            with socket.socket() as s:
                if s.connect_ex(("127.0.0.1", port)) == 0:
                    return process
            assert time.monotonic() < deadline, "redis-server did not start"
            time.sleep(0.05)

    servers = [start()]

    def stop():
        servers[-1].terminate()
        servers[-1].wait(timeout=10)

    yield port, stop, lambda: servers.append(start())
    stop()
