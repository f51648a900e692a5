"""Bad input on the wire: junk frames, bad JSON, wrong or missing signatures, unknown message
types. Each is logged and survived, and nothing badly signed is ever executed. A raw ZeroMQ
socket stands in for the client only here, where a real client cannot produce such frames."""
import hashlib
import hmac
import json
import time
import uuid

import pytest
import zmq

from conftest import KERNELS
from kernel_client import Kernel


@pytest.fixture(scope="module", params=KERNELS[:1])
def kernel(request):
    k = Kernel(request.param)
    yield k
    k.close()


def _raw_shell(kernel):
    info = kernel.km.get_connection_info()
    sock = zmq.Context.instance().socket(zmq.DEALER)
    sock.setsockopt(zmq.LINGER, 0)
    sock.connect(f"{info['transport']}://{info['ip']}:{info['shell_port']}")
    return sock, info["key"]


def _frames(msg_type, content, key, signature=None):
    header = {"msg_id": uuid.uuid4().hex, "session": "raw", "username": "t", "date": "2026-01-01T00:00:00Z",
              "msg_type": msg_type, "version": "5.3"}
    parts = [json.dumps(x).encode() for x in (header, {}, {}, content)]
    if signature is None:
        mac = hmac.new(key if isinstance(key, bytes) else key.encode(), digestmod=hashlib.sha256)
        for p in parts:
            mac.update(p)
        signature = mac.hexdigest()
    return [b"<IDS|MSG>", signature.encode()] + parts


def test_junk_and_badly_signed_messages_are_dropped_and_never_executed(kernel):
    sock, key = _raw_shell(kernel)
    evil = {"code": "int evil = 666;", "silent": False, "store_history": True, "user_expressions": {},
            "allow_stdin": False, "stop_on_error": True}
    sock.send_multipart([b"just one frame"])
    sock.send_multipart([b"<IDS|MSG>", b"sig", b"{not json", b"{}", b"{}", b"{}"])
    sock.send_multipart(_frames("execute_request", evil, key, signature="0" * 64))
    sock.send_multipart(_frames("execute_request", evil, key, signature=""))
    sock.send_multipart(_frames("execute_request", evil, b"wrong key"))
    time.sleep(0.5)
    assert sock.poll(200) == 0, "no reply to a rejected message"
    cell = kernel.run("evil")
    assert cell.status == "error" and cell.error["ename"] == "CompileError"
    sock.close()


def test_a_correctly_signed_raw_message_is_answered(kernel):
    sock, key = _raw_shell(kernel)
    sock.send_multipart(_frames("kernel_info_request", {}, key))
    assert sock.poll(5000)
    frames = sock.recv_multipart()
    assert json.loads(frames[frames.index(b"<IDS|MSG>") + 2])["msg_type"] == "kernel_info_reply"
    sock.close()


def test_unknown_message_types_are_survived(kernel):
    sock, key = _raw_shell(kernel)
    sock.send_multipart(_frames("no_such_request", {}, key))
    assert sock.poll(5000)
    frames = sock.recv_multipart()
    reply = json.loads(frames[frames.index(b"<IDS|MSG>") + 5])
    assert reply["status"] == "error"
    sock.send_multipart(_frames("weird_message", {}, key))
    assert kernel.run("1 + 2").results() == [{"text/plain": "3"}]
    sock.close()


def test_history_and_comm_info_are_answered(kernel):
    kernel.run("int h = 1;")
    msg_id = kernel.kc.history(hist_access_type="tail", n=5, output=False, raw=True)
    reply = kernel.kc.get_shell_msg(timeout=10)
    assert reply["parent_header"]["msg_id"] == msg_id and reply["content"]["status"] == "ok"
    assert any(h[2] == "int h = 1;" for h in reply["content"]["history"])
    msg_id = kernel.kc.comm_info()
    reply = kernel.kc.get_shell_msg(timeout=10)
    assert reply["content"] == {"status": "ok", "comms": {}}


def test_shutdown_and_restart_are_quick(kernel):
    started = time.monotonic()
    kernel.km.restart_kernel(now=False)
    kernel.kc.wait_for_ready(timeout=60)
    elapsed = time.monotonic() - started
    assert kernel.run("40 + 2").results() == [{"text/plain": "42"}]
    # Measured, not a performance assertion: a restart must not hang on the old kernel.
    assert elapsed < 10
