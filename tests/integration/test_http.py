"""The HTTP surface under bad input and hostile clients: oversized and malformed bodies, slow and
idle connections, the live event stream, the OpenAPI document."""
import http.client
import json
import socket
import threading
import time
import unittest

from harness import PactumTestCase


class HostileClients(PactumTestCase):
    def setUp(self):
        super().setUp()
        self.server = self.serve("--read-timeout", "1", "--idle-timeout", "2",
                                 "--max-body-bytes", "65536")
        self.tech = self.server.login("tech-a")

    def test_an_oversized_body_is_413_and_nothing_is_stored(self):
        status, _, text = self.tech.request("POST", "/api/v1/incidents",
                                            self.report_body(phenomenon="x" * 100000))
        self.assertEqual(status, 413, text)
        self.assertEqual(self.tech.get("/api/v1/incidents")["incidents"], [])

    def test_malformed_json_and_invalid_utf8_are_400(self):
        for raw in (b"{", b"[1]", b'{"trigger": "T1", "phenomenon": "\xff"}'):
            status, _, text = self.tech.request(
                "POST", "/api/v1/incidents", raw=raw, headers={"Content-Type": "application/json"})
            self.assertEqual(status, 400, text)
            self.assertEqual(json.loads(text)["error"]["code"], "invalid_argument")

    def test_a_slow_client_is_cut_off_and_others_are_served(self):
        slow = socket.create_connection(("127.0.0.1", self.server.port))
        slow.sendall(b"POST /api/v1/incidents HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{")
        self.assertEqual(self.tech.get("/api/v1/me")["user"]["id"], "tech-a")
        slow.settimeout(10)
        started = time.time()
        data = slow.recv(1000)  # the server gives up on the unfinished body
        self.assertEqual(data, b"")
        self.assertLess(time.time() - started, 9)
        slow.close()

    def test_many_idle_connections_do_not_block_the_server(self):
        idle = [socket.create_connection(("127.0.0.1", self.server.port)) for _ in range(300)]
        try:
            self.assertEqual(self.tech.get("/api/v1/me")["user"]["id"], "tech-a")
        finally:
            for s in idle:
                s.close()

    def test_the_event_stream_delivers_new_events_live(self):
        conn = http.client.HTTPConnection("127.0.0.1", self.server.port, timeout=10)
        conn.request("GET", "/api/v1/events/stream", headers={"Cookie": self.tech.cookie})
        r = conn.getresponse()
        self.assertEqual(r.status, 200)
        self.assertTrue(r.getheader("Content-Type").startswith("text/event-stream"))
        received = []

        def read():
            buf = b""
            while b"incident.reported" not in buf:
                chunk = r.fp.read1(4096) if hasattr(r.fp, "read1") else r.read(1)
                if not chunk:
                    break
                buf += chunk
            received.append(buf.decode())

        t = threading.Thread(target=read)
        t.start()
        time.sleep(0.3)
        iid = self.tech.post("/api/v1/incidents", self.report_body(), expect=201)["incident"]["id"]
        t.join(timeout=10)
        conn.close()
        self.assertTrue(received and iid in received[0], received)
        self.assertIn("event: incident.reported", received[0])

    def test_the_openapi_document_is_served(self):
        status, headers, text = self.server.anonymous().request("GET", "/api/openapi.yaml")
        self.assertEqual(status, 200)
        self.assertIn("openapi: 3.1", text)

    def raw_exchange(self, request, responses=1):
        """Sends `request` bytes on one connection and reads `responses` responses back whole
        (a response to HEAD has no body); then whether the server closed the connection."""
        with socket.create_connection(("127.0.0.1", self.server.port), timeout=10) as s:
            s.sendall(request)
            data = b""
            out = []
            while len(out) < responses:
                while b"\r\n\r\n" not in data:
                    chunk = s.recv(65536)
                    if not chunk:
                        return out, data
                    data += chunk
                head, rest = data.split(b"\r\n\r\n", 1)
                lines = head.decode().split("\r\n")
                fields = {k.lower(): v for k, v in (l.split(": ", 1) for l in lines[1:])}
                length = 0 if request.startswith(b"HEAD") else int(fields["content-length"])
                while len(rest) < length:
                    rest += s.recv(65536)
                out.append((lines[0], fields, rest[:length]))
                data = rest[length:]
            s.settimeout(0.5)  # well within the idle timeout (2 s)
            try:
                tail = s.recv(100)  # b"" once the server has closed the connection
            except socket.timeout:
                tail = None
            return out, tail

    def test_responses_are_framed_for_the_requests_http_version_and_method(self):
        # Two requests on one HTTP/1.1 connection: both answered, the connection kept.
        got, tail = self.raw_exchange(b"GET /readyz HTTP/1.1\r\nHost: x\r\n\r\n"
                                      b"GET /api/v1/nothing HTTP/1.1\r\nHost: x\r\n\r\n", 2)
        self.assertEqual([g[0] for g in got], ["HTTP/1.1 200 OK", "HTTP/1.1 404 Not Found"])
        self.assertEqual(json.loads(got[0][2])["status"], "ready")
        self.assertEqual(json.loads(got[1][2])["error"]["code"], "not_found")
        for _, fields, body in got:
            self.assertEqual(fields["server"], "pactum")
            self.assertEqual(fields["x-content-type-options"], "nosniff")
            self.assertEqual(int(fields["content-length"]), len(body))
            self.assertNotIn("connection", fields)
        self.assertIsNone(tail)  # still open
        # HEAD: the length of the body it would have had, and no body.
        got, _ = self.raw_exchange(b"HEAD /readyz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        status, fields, body = got[0]
        self.assertEqual(status, "HTTP/1.1 200 OK")
        self.assertGreater(int(fields["content-length"]), 0)
        self.assertEqual(body, b"")
        self.assertEqual(fields["connection"], "close")
        # HTTP/1.0: answered in 1.0 and closed, unless it asked to keep the connection.
        got, tail = self.raw_exchange(b"GET /readyz HTTP/1.0\r\n\r\n")
        self.assertEqual(got[0][0], "HTTP/1.0 200 OK")
        self.assertEqual(tail, b"")
        got, tail = self.raw_exchange(b"GET /readyz HTTP/1.0\r\nConnection: keep-alive\r\n\r\n")
        self.assertEqual(got[0][1]["connection"], "keep-alive")
        self.assertIsNone(tail)


if __name__ == "__main__":
    unittest.main()
