"""The HTTP surface under bad input and hostile clients: oversized and malformed bodies, request
framing (smuggling), slow and idle connections, running out of file descriptors, the live event
stream, the OpenAPI document."""
import http.client
import json
import os
import socket
import threading
import time
import unittest

from harness import PactumTestCase


def read_response(sock, data, head=False):
    """Reads one response from `sock` after the bytes already read (`data`): returns the response
    (status line, fields with lower-case names, body) and the bytes after it, or None and what was
    read if the server closed the connection first. A response to HEAD has no body."""
    while b"\r\n\r\n" not in data:
        chunk = sock.recv(65536)
        if not chunk:
            return None, data
        data += chunk
    head_bytes, rest = data.split(b"\r\n\r\n", 1)
    lines = head_bytes.decode().split("\r\n")
    fields = {k.lower(): v for k, v in (l.split(": ", 1) for l in lines[1:])}
    length = 0 if head else int(fields["content-length"])
    while len(rest) < length:
        chunk = sock.recv(65536)
        if not chunk:
            return None, data
        rest += chunk
    return (lines[0], fields, rest[:length]), rest[length:]


def closed_by_server(sock, timeout=10):
    """Whether the server closes `sock` (without answering) within `timeout` seconds."""
    sock.settimeout(timeout)
    try:
        return sock.recv(100) == b""
    except ConnectionResetError:
        return True
    except socket.timeout:
        return False


def cpu_seconds(pid):
    """The CPU time a process has used (user + system), from /proc/PID/stat."""
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()  # fields[0] is the 3rd field (state)
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def log_lines(server, message):
    """The server's JSON log lines with this message."""
    out = []
    for line in server.output().splitlines():
        if line.startswith("{"):
            entry = json.loads(line)
            if entry.get("msg") == message:
                out.append(entry)
    return out


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
        (a response to HEAD has no body); then whether the server closed the connection. If it
        closes before that many: the responses it sent and what followed them (b"": nothing)."""
        with socket.create_connection(("127.0.0.1", self.server.port), timeout=10) as s:
            s.sendall(request)
            data = b""
            out = []
            while len(out) < responses:
                response, data = read_response(s, data, request.startswith(b"HEAD"))
                if response is None:
                    return out, data
                out.append(response)
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

    def assert_refused_and_closed(self, request, reason):
        """One 400 answer naming `reason`, then the connection closed: nothing after the header
        is read as a request."""
        got, rest = self.raw_exchange(request, 2)
        self.assertEqual(len(got), 1, got)
        status, fields, body = got[0]
        self.assertEqual(status, "HTTP/1.1 400 Bad Request", body)
        self.assertEqual(fields["connection"], "close")
        error = json.loads(body)["error"]
        self.assertEqual(error["code"], "bad_request")
        self.assertIn(reason, error["message"])
        self.assertEqual(rest, b"")

    def test_a_transfer_encoding_other_than_chunked_is_400_and_the_connection_closed(self):
        # RFC 9112 6.1, 6.3: only chunked frames a body. Any other coding was taken to mean no
        # body, so the body was read as the next request: a signed-in request hidden in it (that
        # a proxy in front would have passed as body) was answered.
        smuggled = f"GET /api/v1/me HTTP/1.1\r\nHost: x\r\nCookie: {self.tech.cookie}\r\n\r\n".encode()
        codings = ["identity", "gzip", "chunked, identity", "chunked, chunked", "CHUNKED, gzip",
                   "chunked\r\nTransfer-Encoding: chunked"]
        for coding in codings:
            with self.subTest(coding=coding):
                head = f"POST /api/v1/incidents HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: {coding}\r\n\r\n"
                self.assert_refused_and_closed(head.encode() + smuggled, "Transfer-Encoding")

    def test_content_length_and_transfer_encoding_together_are_400(self):
        smuggled = f"GET /api/v1/me HTTP/1.1\r\nHost: x\r\nCookie: {self.tech.cookie}\r\n\r\n".encode()
        for fields in (f"Transfer-Encoding: gzip\r\nContent-Length: {len(smuggled)}",
                       f"Content-Length: {len(smuggled)}\r\nTransfer-Encoding: identity",
                       "Content-Length: 5\r\nTransfer-Encoding: chunked"):
            with self.subTest(fields=fields):
                head = f"POST /api/v1/incidents HTTP/1.1\r\nHost: x\r\n{fields}\r\n\r\n"
                self.assert_refused_and_closed(head.encode() + smuggled, "")
        # HTTP/1.0 has no transfer codings (RFC 9112 6.1): its framing cannot be trusted.
        self.assert_refused_and_closed(
            b"POST /api/v1/incidents HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n" + smuggled,
            "HTTP/1.0")

    def test_a_chunked_body_is_read(self):
        body = json.dumps(self.report_body()).encode()
        chunked = b"".join(b"%x\r\n%s\r\n" % (len(p), p) for p in (body[:10], body[10:], b""))
        head = (f"POST /api/v1/incidents HTTP/1.1\r\nHost: x\r\nCookie: {self.tech.cookie}\r\n"
                f"X-CSRF-Token: {self.tech.csrf}\r\nContent-Type: application/json\r\n"
                f"Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n")
        got, _ = self.raw_exchange(head.encode() + chunked)
        self.assertEqual(got[0][0], "HTTP/1.1 201 Created", got[0][2])

    def test_a_body_that_is_not_json_is_415(self):
        for content_type in (None, "text/plain", "TEXT/PLAIN", "application/x-www-form-urlencoded"):
            with self.subTest(content_type=content_type):
                headers = {"Content-Type": content_type} if content_type else {}
                status, _, text = self.tech.request(
                    "POST", "/api/v1/incidents", raw=json.dumps(self.report_body()).encode(),
                    headers=headers)
                self.assertEqual(status, 415, text)
                self.assertEqual(json.loads(text)["error"]["code"], "unsupported_media_type")
        status, _, text = self.tech.request(
            "POST", "/api/v1/incidents", raw=json.dumps(self.report_body()).encode(),
            headers={"Content-Type": "Application/JSON; charset=UTF-8"})
        self.assertEqual(status, 201, text)


class SlowHeaders(PactumTestCase):
    def test_headers_must_arrive_within_the_read_timeout_of_their_first_byte(self):
        server = self.serve("--read-timeout", "1", "--idle-timeout", "60")
        with socket.create_connection(("127.0.0.1", server.port)) as s:
            s.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\nX-Slow: ")
            started = time.time()
            closed = False
            while not closed and time.time() - started < 20:
                closed = closed_by_server(s, timeout=1)
                if not closed:
                    try:
                        s.sendall(b"a")  # a byte a second: the header never ends
                    except OSError:
                        closed = True
            elapsed = time.time() - started
        self.assertTrue(closed, "the server kept a connection whose headers never ended")
        # The read timeout (1 s) and a sweep, not the idle timeout (60 s).
        self.assertLess(elapsed, 10)


# Runs the server with at most 256 file descriptors, soft and hard: raising the soft limit to
# the hard one at start changes nothing.
PRLIMIT = ("prlimit", "--nofile=256:256")


class FileDescriptors(PactumTestCase):
    def open_connections(self, server, n):
        return [socket.create_connection(("127.0.0.1", server.port), timeout=10) for _ in range(n)]

    def assert_not_spinning(self, server):
        # Idle connections and refused ones cost nothing once taken care of: well under a core
        # (generous, for a loaded machine).
        before = cpu_seconds(server.proc.pid)
        time.sleep(3)
        self.assertLess(cpu_seconds(server.proc.pid) - before, 1.5)

    def assert_serves_again(self, server):
        deadline = time.time() + 30
        while True:
            try:
                status, _, _ = server.anonymous().request("GET", "/healthz")
                if status == 200:
                    return
            except OSError:
                pass
            self.assertLess(time.time(), deadline, "the server did not serve again")
            time.sleep(0.2)

    def test_connections_beyond_what_the_descriptors_allow_are_closed_at_once(self):
        server = self.serve(wrapper=PRLIMIT)
        start = log_lines(server, "file descriptors")
        self.assertEqual(start[0]["limit"], 256, start)
        self.assertEqual(start[0]["max_connections"], 128, start)  # 128 kept for the rest
        conns = self.open_connections(server, 400)
        try:
            self.assert_not_spinning(server)
            warnings = log_lines(server, "connection limit reached: closing new connections")
            self.assertEqual(warnings[0]["max_connections"], 128, warnings)
            self.assertEqual(warnings[0]["level"], "warn")
        finally:
            for s in conns:
                s.close()
        self.assert_serves_again(server)

    def test_out_of_file_descriptors_the_acceptor_pauses_and_says_so(self):
        # More connections allowed than there are descriptors: accept() fails with EMFILE. (Set
        # in a config file here, by flag below.)
        config = os.path.join(self.tmp, "pactum.yaml")
        with open(config, "w") as f:
            f.write("max_connections: 1000\n")
        server = self.serve("--config", config, wrapper=PRLIMIT)
        self.assertEqual(log_lines(server, "file descriptors")[0]["max_connections"], 1000)
        conns = self.open_connections(server, 400)
        try:
            self.assert_not_spinning(server)
            warnings = log_lines(server, "out of file descriptors: accepting paused")
            self.assertEqual(warnings[0]["limit"], 256, warnings)
            self.assertLessEqual(len(warnings), 2)  # once per interval, not once per attempt
        finally:
            for s in conns:
                s.close()
        self.assert_serves_again(server)

    def test_max_connections_refuses_one_more_cleanly(self):
        server = self.serve("--max-connections", "3")
        kept = []
        deadline = time.time() + 30
        while len(kept) < 3:  # the readiness probes' connections may not be gone yet
            self.assertLess(time.time(), deadline)
            s = socket.create_connection(("127.0.0.1", server.port), timeout=10)
            s.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
            response, _ = read_response(s, b"")
            if response is None:
                s.close()
                time.sleep(0.1)
            else:
                kept.append(s)
        try:
            extra = socket.create_connection(("127.0.0.1", server.port), timeout=10)
            self.assertTrue(closed_by_server(extra))
            extra.close()
            for s in kept:  # the three are still served
                s.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
                response, _ = read_response(s, b"")
                self.assertEqual(response[0], "HTTP/1.1 200 OK")
        finally:
            for s in kept:
                s.close()
        self.assert_serves_again(server)


if __name__ == "__main__":
    unittest.main()
