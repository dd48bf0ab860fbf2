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
    "FigureRoleAnswer": {"role": "total"},
    "Synopsis": {"headline": "Fake headline", "summary": "One fake sentence. Another fake sentence."},
    "SpeakerPick": {"choice": 1},
    "PlacePick": {"choice": 1},
    "Reading": {},
}


def completion(name: str, args: dict | str, finish: str = "tool_calls") -> dict:
    arguments = args if isinstance(args, str) else json.dumps(args)
    return {
        "id": "chatcmpl-fake",
        "object": "chat.completion",
        "created": 0,
        "model": "fake",
        "choices": [
            {
                "index": 0,
                "finish_reason": finish,
                "message": {
                    "role": "assistant",
                    "content": None,
                    "tool_calls": [
                        {
                            "id": "call_fake",
                            "type": "function",
                            "function": {"name": name, "arguments": arguments},
                        }
                    ],
                },
            }
        ],
        "usage": {"prompt_tokens": 10, "completion_tokens": 5, "total_tokens": 15},
    }


class Fault:
    """One scripted reply: a status with a body and headers, a delay, or a dropped connection."""

    def __init__(
        self,
        status: int = 200,
        body: str | dict | None = None,
        headers: dict | None = None,
        delay: float = 0.0,
        drop: bool = False,
        args: dict | str | None = None,
        finish: str = "tool_calls",
    ):
        self.status, self.body, self.headers, self.delay, self.drop = status, body, headers or {}, delay, drop
        self.args, self.finish = args, finish


class FakeServer:
    def __init__(self):
        self.calls: list[dict] = []
        self.script: list[Fault] = []
        self.when: dict[str, Fault] = {}  # a fault for every request whose body contains the key
        self.lock = threading.Lock()
        self.delay = 0.0
        self.inflight = self.max_inflight = 0  # chat completions being answered at once
        # A fake of OpenAI's Batch API (files and batches), answering each request as a chat call would.
        self.files: dict[str, bytes] = {}
        self.batches: dict[str, dict] = {}
        self.polls_before_done = 1
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *a):  # quiet
                pass

            def do_GET(self):
                if self.path.startswith("/v1/batches/"):
                    self._send(200, json.dumps(server.poll(self.path.rsplit("/", 1)[1])), {})
                elif self.path.startswith("/v1/files/") and self.path.endswith("/content"):
                    data = server.files[self.path.split("/")[3]]
                    self._send(200, data.decode(), {"content-type": "application/octet-stream"})
                else:
                    self._send(
                        200, json.dumps({"object": "list", "data": [{"id": "fake", "object": "model"}]}), {}
                    )

            def do_POST(self):
                length = int(self.headers.get("content-length", 0))
                raw = self.rfile.read(length)
                if self.path == "/v1/files":
                    self._send(200, json.dumps(server.upload(self.headers.get("content-type", ""), raw)), {})
                    return
                if self.path == "/v1/batches":
                    self._send(200, json.dumps(server.create_batch(json.loads(raw))), {})
                    return
                req = json.loads(raw or b"{}")
                with server.lock:
                    server.calls.append({"body": req, "headers": dict(self.headers)})
                    fault = server.script.pop(0) if server.script else None
                    text = json.dumps(req, ensure_ascii=False)
                    fault = next((f for k, f in server.when.items() if k in text), fault)
                name = (req.get("tool_choice") or {}).get("function", {}).get("name") or "FigureRoleAnswer"
                with server.lock:
                    server.inflight += 1
                    server.max_inflight = max(server.max_inflight, server.inflight)
                if fault and fault.delay or server.delay:
                    time.sleep(fault.delay if fault and fault.delay else server.delay)
                with server.lock:
                    server.inflight -= 1
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
                self._send(
                    200, json.dumps(completion(name, args, fault.finish if fault else "tool_calls")), {}
                )

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

    def start(self) -> FakeServer:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    def chat_calls(self) -> int:
        return len(self.calls)

    # --- the Batch API fake -----------------------------------------------------------------
    def upload(self, content_type: str, raw: bytes) -> dict:
        from email.parser import BytesParser

        message = BytesParser().parsebytes(b"Content-Type: " + content_type.encode() + b"\r\n\r\n" + raw)
        data = next(p.get_payload(decode=True) for p in message.get_payload() if p.get_filename())
        fid = f"file-{len(self.files) + 1}"
        self.files[fid] = data
        return {
            "id": fid,
            "object": "file",
            "bytes": len(data),
            "created_at": 0,
            "filename": "requests.jsonl",
            "purpose": "batch",
            "status": "processed",
        }

    def create_batch(self, req: dict) -> dict:
        bid = f"batch-{len(self.batches) + 1}"
        lines = [
            json.loads(line)
            for line in self.files[req["input_file_id"]].decode().splitlines()
            if line.strip()
        ]
        self.batches[bid] = {
            "id": bid,
            "object": "batch",
            "endpoint": req["endpoint"],
            "input_file_id": req["input_file_id"],
            "completion_window": req["completion_window"],
            "status": "in_progress",
            "created_at": 0,
            "request_counts": {"total": len(lines), "completed": 0, "failed": 0},
            "_lines": lines,
            "_polls": 0,
        }
        return self.public(bid)

    def public(self, bid: str) -> dict:
        return {k: v for k, v in self.batches[bid].items() if not k.startswith("_")}

    def poll(self, bid: str) -> dict:
        b = self.batches[bid]
        b["_polls"] += 1
        if b["status"] == "in_progress" and b["_polls"] >= self.polls_before_done:
            out = []
            for line in b["_lines"]:
                name = line["body"]["tool_choice"]["function"]["name"]
                out.append(
                    json.dumps(
                        {
                            "id": "req",
                            "custom_id": line["custom_id"],
                            "response": {
                                "status_code": 200,
                                "body": completion(name, VALID_ARGS.get(name, {})),
                            },
                        }
                    )
                )
            fid = f"file-{len(self.files) + 1}"
            self.files[fid] = ("\n".join(out) + "\n").encode()
            b.update(
                status="completed",
                output_file_id=fid,
                request_counts={"total": len(out), "completed": len(out), "failed": 0},
            )
        return self.public(bid)
