#!/usr/bin/env python3
"""Before/after figures for the hardening issue (docs/security.md): runs one `parley serve` binary
under the unauthenticated attacks of issue 9 and prints what the server held, read from /proc.

    python3 bench/abuse.py build/parley            # this build
    python3 bench/abuse.py /path/to/older/parley   # the same attacks on an older build

Loopback only; each attack is bounded in sockets and seconds. Not a test (it asserts nothing):
the tests are server/tests/integration/abuse_*_test.cpp.
"""
import json, os, resource, shutil, socket, subprocess, sys, tempfile, time, urllib.request

BIN = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else "build/parley")
WEB = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "web")


def rss_mib(pid):
    for line in open(f"/proc/{pid}/status"):
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) // 1024
    return -1


def fds(pid):
    return len(os.listdir(f"/proc/{pid}/fd"))


def cpu_s(pid):
    f = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
    return (int(f[11]) + int(f[12])) / os.sysconf("SC_CLK_TCK")


class Server:
    def __init__(self, nofile=None):
        self.dir = tempfile.mkdtemp(prefix="parley-abuse-")
        subprocess.run([BIN, "agent", "add", "--data", self.dir, "--email", "a@x.test", "--name", "A",
                        "--password", "password1", "--role", "admin"], check=True, capture_output=True)
        s = socket.socket(); s.bind(("127.0.0.1", 0)); self.port = s.getsockname()[1]; s.close()
        pre = ["prlimit", f"--nofile={nofile}:{nofile}"] if nofile else []
        self.log = open(os.path.join(self.dir, "server.log"), "w")
        self.proc = subprocess.Popen(pre + [BIN, "serve", "--host", "127.0.0.1", "--port", str(self.port), "--data",
                                            self.dir, "--web", WEB], stdout=self.log, stderr=self.log)
        for _ in range(200):
            try:
                if self.get("/healthz")[0] == 200: break
            except OSError:
                time.sleep(0.05)
        self.pid = self.proc.pid

    def req(self, method, path, body=None, token=None, timeout=5):
        data = json.dumps(body).encode() if body is not None else None
        r = urllib.request.Request(f"http://127.0.0.1:{self.port}{path}", data=data, method=method)
        r.add_header("Content-Type", "application/json")
        if token: r.add_header("Authorization", "Bearer " + token)
        try:
            with urllib.request.urlopen(r, timeout=timeout) as resp:
                return resp.status, resp.read()
        except urllib.error.HTTPError as e:
            return e.code, e.read()

    def get(self, path, timeout=5): return self.req("GET", path, timeout=timeout)

    def visitor(self):
        ws = json.loads(self.req("POST", "/api/v1/auth/login", {"email": "a@x.test", "password": "password1"})[1])
        pub = ws["workspace"]["public_id"]
        return json.loads(self.req("POST", "/api/v1/widget/sessions", {"workspace_id": pub})[1])["visitor_token"], ws["token"]

    def stop(self):
        self.proc.kill(); self.proc.wait(); self.log.close()
        shutil.rmtree(self.dir, ignore_errors=True)


def ws_open(port, src="127.0.0.1", rcvbuf=4096):
    s = socket.socket()
    s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, rcvbuf)
    s.bind((src, 0)); s.connect(("127.0.0.1", port))
    s.sendall(f"GET /ws HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
              "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n".encode())
    s.settimeout(2); s.recv(4096); return s


def frame(op, payload):
    n = len(payload); key = b"\x01\x02\x03\x04"
    head = bytes([0x80 | op]) + (bytes([0x80 | n]) if n < 126 else bytes([0x80 | 126]) + n.to_bytes(2, "big"))
    return head + key + bytes(b ^ key[i % 4] for i, b in enumerate(payload))


def ping_flood():
    srv = Server()
    before = rss_mib(srv.pid)
    socks = [ws_open(srv.port) for _ in range(3)]
    for s in socks: s.setblocking(False)
    chunk = frame(0x9, b"p" * 125) * 16000
    at = [0] * len(socks)  # each socket's place in the chunk: the kernel may take part of a write
    end = time.time() + 5
    while time.time() < end:
        for i, s in enumerate(socks):
            try: at[i] = (at[i] + s.send(chunk[at[i]:] or chunk)) % len(chunk)
            except (BlockingIOError, OSError): pass
    after = rss_mib(srv.pid)
    srv.stop()
    return f"ping flood, 3 sockets without hello, 5 s: RSS {before} -> {after} MiB"


def descriptor_flood():
    srv = Server(nofile=4096)
    base_log = os.path.getsize(os.path.join(srv.dir, "server.log"))
    socks = []
    for i in range(4300):
        try:
            s = socket.socket(); s.bind((f"127.0.{1 + i // 250}.{2 + i % 250}", 0)); s.setblocking(False)
            s.connect_ex(("127.0.0.1", srv.port)); socks.append(s)
        except OSError:
            break
    time.sleep(0.5)
    cpu0 = cpu_s(srv.pid); t0 = time.time()
    time.sleep(2)
    cpu = (cpu_s(srv.pid) - cpu0) / (time.time() - t0)
    log_bytes = os.path.getsize(os.path.join(srv.dir, "server.log")) - base_log
    held = fds(srv.pid)
    t = time.time()
    try: status = srv.get("/healthz", timeout=3)[0]
    except Exception as e: status = type(e).__name__
    answered = time.time() - t
    for s in socks: s.close()
    srv.stop()
    return (f"4,300 idle connections, 4,096 descriptors: server holds {held} fds, {cpu * 100:.0f} % CPU, "
            f"{log_bytes / 1024:.0f} KiB of log in 2.5 s; a new client gets {status} in {answered:.2f} s")


def slow_readers():
    srv = Server()
    name = "0123456789abcdef0123456789abcdef.png"
    with open(os.path.join(srv.dir, "uploads", name), "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n" + b"\0" * (8 * 1024 * 1024))
    before = rss_mib(srv.pid)
    socks = []
    for i in range(100):
        s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
        s.connect(("127.0.0.1", srv.port))
        s.sendall(f"GET /uploads/{name} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".encode()); socks.append(s)
    time.sleep(2)
    during = rss_mib(srv.pid)
    for s in socks: s.close()
    time.sleep(1)
    after = rss_mib(srv.pid)
    srv.stop()
    return f"100 slow readers of an 8 MiB upload: RSS {before} -> {during} MiB (after they left: {after} MiB)"


def visitor_floods():
    srv = Server()
    token, agent = srv.visitor()
    views = sum(srv.req("POST", "/api/v1/widget/pageviews", {"url": f"https://s.test/{i}"}, token)[0] == 204
                for i in range(500))
    s = ws_open(srv.port, rcvbuf=1 << 20)
    s.sendall(frame(1, json.dumps({"type": "hello", "token": token}).encode())); time.sleep(0.2); s.recv(65536)
    a = ws_open(srv.port, rcvbuf=1 << 20)
    a.sendall(frame(1, json.dumps({"type": "hello", "token": agent}).encode()))
    s.sendall(frame(1, json.dumps({"type": "message.send", "client_id": "x", "body": "hi"}).encode()))
    time.sleep(0.5)
    conv = None
    for line in s.recv(65536).split(b"{"):
        if b"conversation_id" in line and conv is None:
            conv = int(line.split(b'"conversation_id":')[1].split(b",")[0].split(b"}")[0])
    for _ in range(1000):
        s.sendall(frame(1, json.dumps({"type": "typing", "conversation_id": conv, "typing": True,
                                       "draft": "d" * 2000}).encode()))
    time.sleep(1.5)
    a.settimeout(0.5); got = b""
    try:
        while True:
            chunk = a.recv(1 << 20)
            if not chunk: break
            got += chunk
    except OSError:
        pass
    typing = got.count(b'"type":"typing"')
    srv.stop()
    return f"one visitor token: {views} of 500 page views stored; 1,000 typing frames -> {typing} reach the agent"


if __name__ == "__main__":
    resource.setrlimit(resource.RLIMIT_NOFILE, (20000, 20000))
    print(BIN)
    for attack in (ping_flood, descriptor_flood, slow_readers, visitor_floods):
        try: print(" ", attack())
        except Exception as e: print(" ", attack.__name__, "failed:", e)
