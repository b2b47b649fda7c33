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


if __name__ == "__main__":
    unittest.main()
