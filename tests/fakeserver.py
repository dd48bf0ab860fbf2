"""A hand-made fake OpenAI-compatible server for fault tests: its responses are written here, not recorded.

It answers every chat completion with the smallest valid tool call for the requested response
model, unless a scripted fault comes first. It counts every HTTP call it receives.
"""

from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

VALID_ARGS = {
    "Relevance": {"about": "this_incident"},
    "Synopsis": {"headline": "Fake headline", "summary": "One fake sentence. Another fake sentence."},
}


def completion(name: str, args: dict | str, finish: str = "tool_calls") -> dict:
    arguments = args if isinstance(args, str) else json.dumps(args)
    return {
        "id": "chatcmpl-fake", "object": "chat.completion", "created": 0, "model": "fake",
        "choices": [{"index": 0, "finish_reason": finish, "message": {
            "role": "assistant", "content": None,
            "tool_calls": [{"id": "call_fake", "type": "function", "function": {"name": name, "arguments": arguments}}],
        }}],
        "usage": {"prompt_tokens": 10, "completion_tokens": 5, "total_tokens": 15},
    }


class Fault:
    """One scripted reply: a status with a body and headers, a delay, or a dropped connection."""

    def __init__(self, status: int = 200, body: str | dict | None = None, headers: dict | None = None,
                 delay: float = 0.0, drop: bool = False, args: dict | str | None = None, finish: str = "tool_calls"):
        self.status, self.body, self.headers, self.delay, self.drop = status, body, headers or {}, delay, drop
        self.args, self.finish = args, finish


class FakeServer:
    def __init__(self):
        self.calls: list[dict] = []
        self.script: list[Fault] = []
        self.when: dict[str, Fault] = {}  # a fault for every request whose body contains the key
        self.lock = threading.Lock()
        self.delay = 0.0
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *a):  # quiet
                pass

            def do_GET(self):
                self._send(200, json.dumps({"object": "list", "data": [{"id": "fake", "object": "model"}]}), {})

            def do_POST(self):
                length = int(self.headers.get("content-length", 0))
                req = json.loads(self.rfile.read(length) or b"{}")
                with server.lock:
                    server.calls.append({"body": req, "headers": dict(self.headers)})
                    fault = server.script.pop(0) if server.script else None
                    text = json.dumps(req, ensure_ascii=False)
                    fault = next((f for k, f in server.when.items() if k in text), fault)
                name = (req.get("tool_choice") or {}).get("function", {}).get("name") or "Relevance"
                if fault and fault.delay or server.delay:
                    time.sleep(fault.delay if fault and fault.delay else server.delay)
                if fault and fault.drop:
                    self.close_connection = True
                    self.wfile.flush()
                    self.connection.close()
                    return
                if fault and (fault.status != 200 or fault.body is not None):
                    body = fault.body if isinstance(fault.body, str) else json.dumps(fault.body or {})
                    self._send(fault.status, body, fault.headers)
                    return
                args = fault.args if fault and fault.args is not None else VALID_ARGS.get(name, {})
                self._send(200, json.dumps(completion(name, args, fault.finish if fault else "tool_calls")), {})

            def _send(self, status, body: str, headers: dict):
                data = body.encode()
                self.send_response(status)
                self.send_header("content-type", headers.pop("content-type", "application/json"))
                for k, v in headers.items():
                    self.send_header(k, v)
                self.send_header("content-length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}/v1"

    @property
    def address(self) -> tuple[str, int]:
        return self.httpd.server_address

    def start(self) -> "FakeServer":
        self.thread.start()
        return self

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    def chat_calls(self) -> int:
        return len(self.calls)
