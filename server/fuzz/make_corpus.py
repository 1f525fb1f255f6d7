#!/usr/bin/env python3
"""Writes the seed corpora of the fuzz targets (server/fuzz/corpus/<target>/).

The seeds are the inputs the project's tests use (server/tests/unit/websocket_frame_test.cpp,
user_agent_test.cpp, upload_type_test.cpp and the integration tests' requests and frames), written
against the seeded database of fuzz_env.h (its tokens, ids and HMAC secret). Run it again after
changing a seed here; ./scripts/fuzz copies the corpora before fuzzing, so they only change here.
"""
import hashlib
import hmac
import json
import os
import shutil
import struct

HERE = os.path.dirname(os.path.abspath(__file__))
CORPUS = os.path.join(HERE, "corpus")

# Must match Seed in fuzz_env.h.
ADMIN = "pa_fuzzadmin"
AGENT = "pa_fuzzagent"
OTHER_ADMIN = "pa_fuzzother"
VISITOR = "pv_ws_fuzz.visitor"
OTHER_VISITOR = "pv_ws_other.visitor"
WORKSPACE = "ws_fuzz"
UPLOAD = "/uploads/0123456789abcdef0123456789abcdef.png"  # the seeded upload
USER_HASH = hmac.new(b"fuzzsecret", b"user-42", hashlib.sha256).hexdigest()


def write(target, items):
    d = os.path.join(CORPUS, target)
    shutil.rmtree(d, ignore_errors=True)
    os.makedirs(d)
    for i, data in enumerate(items):
        if isinstance(data, str):
            data = data.encode()
        with open(os.path.join(d, "seed-%03d" % i), "wb") as f:
            f.write(data)


# ---- WebSocket frames -------------------------------------------------------------------------

def client_frame(opcode, payload, fin=True, key=b"\x37\xfa\x21\x3d", masked=True, rsv=0):
    if isinstance(payload, str):
        payload = payload.encode()
    out = bytes([(0x80 if fin else 0) | rsv | opcode])
    bit = 0x80 if masked else 0
    n = len(payload)
    if n < 126:
        out += bytes([bit | n])
    elif n <= 0xFFFF:
        out += bytes([bit | 126]) + struct.pack(">H", n)
    else:
        out += bytes([bit | 127]) + struct.pack(">Q", n)
    if not masked:
        return out + payload
    return out + key + bytes(b ^ key[i % 4] for i, b in enumerate(payload))


def websocket_frame():
    ping = '{"type":"ping","t":7}'
    hello = json.dumps({"type": "hello", "token": VISITOR})
    seeds = []
    # Byte 0: read size (bits 0-2) and the small message limit (bit 3).
    for config in (0x00, 0x01, 0x05, 0x0B):
        seeds.append(bytes([config]) + client_frame(1, hello) + client_frame(1, ping))
    seeds += [
        b"\x00" + client_frame(1, "") + client_frame(2, b"\x00\x01\x02"),
        b"\x00" + client_frame(1, "x" * 200),                                   # 16-bit length
        b"\x06" + client_frame(2, bytes(range(256)) * 3),                       # 16-bit, read in pieces
        b"\x00" + client_frame(1, '{"type":', fin=False) + client_frame(9, "mid") +
        client_frame(0, '"ping"}'),                                             # ping between fragments
        b"\x00" + client_frame(1, "\xc3".encode("latin-1"), fin=False) + client_frame(0, b"\xa9"),  # é split
        b"\x00" + client_frame(1, b"\xff\xfe"),                                 # not UTF-8: 1007
        b"\x00" + client_frame(1, "{}", masked=False),                          # unmasked: 1002
        b"\x00" + client_frame(1, "{}", rsv=0x40),                              # RSV1: 1002
        b"\x00" + client_frame(9, "p" * 126),                                   # long control frame
        b"\x00" + client_frame(9, "x", fin=False),                              # fragmented control frame
        b"\x00" + client_frame(0, "orphan"),                                    # continuation first
        b"\x00" + client_frame(1, "a", fin=False) + client_frame(1, "b"),       # text inside text
        b"\x00" + bytes([0x81, 0xFF]) + struct.pack(">Q", 1 << 63) + b"abcd",  # 64-bit, top bit set
        b"\x00" + bytes([0x81, 0xFF]) + struct.pack(">Q", 70 * 1024) + b"abcd",  # too big: 1009
        b"\x08" + client_frame(1, "y" * 41),                                    # over the small limit
        b"\x08" + client_frame(1, "y" * 30, fin=False) + client_frame(0, "z" * 30),
        b"\x00" + client_frame(0xA, "pong") + client_frame(8, struct.pack(">H", 1000) + b"bye"),
        b"\x00" + client_frame(8, struct.pack(">H", 1005)),                     # reserved code
        b"\x00" + client_frame(8, struct.pack(">H", 4000)),
        b"\x00" + client_frame(8, b"\x03"),                                     # one-byte close payload
        b"\x00" + client_frame(3, "reserved opcode"),
        b"\x03" + client_frame(1, "abc", key=b"\xde\xad\xbe\xef") * 5,
    ]
    write("websocket_frame", seeds)


# ---- HTTP requests ----------------------------------------------------------------------------

def request(method, target, body=None, token=None, headers=(), content_type="application/json"):
    lines = ["%s %s HTTP/1.1" % (method, target), "Host: chat.fuzz.test"]
    if token:
        lines.append("Authorization: Bearer " + token)
    lines += list(headers)
    raw = b""
    if body is not None:
        if not isinstance(body, (bytes, str)):
            body = json.dumps(body)
        raw = body.encode() if isinstance(body, str) else body
        lines.append("Content-Type: " + content_type)
        lines.append("Content-Length: %d" % len(raw))
    return ("\r\n".join(lines) + "\r\n\r\n").encode() + raw


def http_router():
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\x0dIHDR" + b"\x00" * 13
    seeds = [
        request("GET", "/healthz"),
        request("GET", "/"),
        request("HEAD", "/widget.js"),
        request("GET", "/widget/frame.html?ws=" + WORKSPACE),
        request("GET", "/app/inbox/3"),
        request("GET", UPLOAD),
        request("GET", "/uploads/%2e%2e/app"),
        request("GET", "/api/openapi.json"),
        request("GET", "/api/v1/no/such/thing", token=ADMIN),
        request("POST", "/api/v1/auth/login", {"email": "admin@fuzz.test", "password": "fuzz-password"}),
        request("POST", "/api/v1/auth/login", {"email": "ADMIN@fuzz.test", "password": "wrong"},
                headers=["X-Forwarded-For: 203.0.113.9"]),
        request("POST", "/api/v1/auth/login", '{"email": '),
        request("GET", "/api/v1/me", token=ADMIN) + request("GET", "/api/v1/me", token=AGENT),
        request("GET", "/api/v1/agents", token=AGENT),
        request("POST", "/api/v1/agents", {"email": "new@fuzz.test", "name": "New", "password": "12345678",
                                          "role": "agent", "capacity": 3}, token=ADMIN),
        request("PATCH", "/api/v1/agents/2", {"name": "Samuel", "capacity": 7, "presence": "away"}, token=ADMIN),
        request("PATCH", "/api/v1/agents/2", {"role": "admin"}, token=AGENT),
        request("GET", "/api/v1/teams", token=AGENT),
        request("POST", "/api/v1/teams", {"name": "Sales", "member_ids": [1, 2]}, token=ADMIN),
        request("PATCH", "/api/v1/teams/1", {"name": "Billing 2", "member_ids": [2]}, token=ADMIN),
        request("GET", "/api/v1/conversations?status=open&assignee=me&sort=waiting&limit=3", token=AGENT),
        request("GET", "/api/v1/conversations?sort=priority&limit=2&cursor=p4.1700000030001.13", token=ADMIN),
        request("GET", "/api/v1/conversations?tag=vip&priority=urgent&team=1&assignee=none", token=ADMIN),
        request("GET", "/api/v1/conversations?cursor=garbage!!", token=ADMIN),
        request("GET", "/api/v1/conversations/1", token=ADMIN),
        request("PATCH", "/api/v1/conversations/1", {"priority": "high", "tags": ["vip", "Billing"],
                                                     "assignee_id": 2, "team_id": 1}, token=ADMIN),
        request("PATCH", "/api/v1/conversations/1", {"status": "snoozed", "snoozed_until": 4000000000000},
                token=ADMIN),
        request("PATCH", "/api/v1/conversations/2", {"status": "resolved"}, token=ADMIN),
        request("GET", "/api/v1/conversations/1/messages?after_seq=1&limit=2", token=AGENT),
        request("POST", "/api/v1/conversations/1/messages", {"body": "Hi! How can I help?", "client_id": "a-9"},
                token=AGENT),
        request("POST", "/api/v1/conversations/1/messages",
                {"body": "", "private": True, "attachments": [{"url": UPLOAD, "name": "a.png", "size": 8,
                                                               "content_type": "image/png"}]},
                token=ADMIN),
        request("POST", "/api/v1/conversations/1/read", {"seq": 2}, token=AGENT),
        request("GET", "/api/v1/contacts/1", token=AGENT),
        request("PATCH", "/api/v1/contacts/1", {"name": "Vera", "email": "vera@example.com",
                                                "attributes": {"plan": "pro", "seats": 3, "old": None}}, token=AGENT),
        request("GET", "/api/v1/contacts/1/pageviews?limit=5", token=AGENT),
        request("GET", "/api/v1/contacts/1/conversations", token=AGENT),
        request("POST", "/api/v1/contacts/2/messages", {"body": "Can I help you find a size?"}, token=AGENT),
        request("GET", "/api/v1/visitors/online", token=AGENT),
        request("GET", "/api/v1/search?q=order&limit=5", token=AGENT),
        request("GET", "/api/v1/search?q=%22foo*%20AND%20(", token=AGENT),
        request("GET", "/api/v1/tags", token=AGENT),
        request("GET", "/api/v1/canned_replies", token=AGENT),
        request("POST", "/api/v1/canned_replies", {"shortcut": "refund", "body": "Refunds take 5 days."}, token=ADMIN),
        request("PATCH", "/api/v1/canned_replies/1", {"body": "Hello again"}, token=ADMIN),
        request("DELETE", "/api/v1/canned_replies/1", token=ADMIN),
        request("GET", "/api/v1/workspace", token=ADMIN),
        request("PATCH", "/api/v1/workspace", {"name": "Mine", "settings": {"color": "#112233", "locale": "de",
                                               "prechat": {"enabled": True, "fields": [{"name": "email"}]}},
                                               "allowed_origins": ["https://shop.example.com", "*.example.org"]},
                token=ADMIN),
        request("GET", "/api/v1/conversations", token=OTHER_ADMIN),
        request("POST", "/api/v1/widget/sessions", {"workspace_id": WORKSPACE, "language": "de-DE",
                                                    "timezone": "Europe/Berlin", "url": "https://shop.example.com/",
                                                    "title": "Shop"},
                headers=["User-Agent: Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/120.0.0.0 Safari/537.36"]),
        request("POST", "/api/v1/widget/sessions", {"workspace_id": WORKSPACE, "visitor_token": VISITOR}),
        request("POST", "/api/v1/widget/sessions", {"workspace_id": WORKSPACE},
                headers=["User-Agent: Googlebot/2.1 (+http://www.google.com/bot.html)"]),
        request("POST", "/api/v1/widget/pageviews", {"url": "https://shop.example.com/cart", "title": "Cart",
                                                     "referrer": "https://search.example"}, token=VISITOR),
        request("GET", "/api/v1/widget/conversations/1/messages?after_seq=0", token=VISITOR),
        request("GET", "/api/v1/widget/conversations/2/messages", token=VISITOR),
        request("PATCH", "/api/v1/widget/visitor", {"name": "Vera V", "attributes": {"cart": 3}}, token=VISITOR),
        request("POST", "/api/v1/widget/identify", {"user_id": "user-42", "user_hash": USER_HASH,
                                                    "email": "known@example.com"}, token=VISITOR),
        request("POST", "/api/v1/widget/identify", {"user_id": "user-43", "user_hash": "a" * 64}, token=VISITOR),
        request("POST", "/api/v1/widget/offline", {"email": "vera@example.com", "message": "Call me back",
                                                   "name": "Vera", "client_id": "off-1"}, token=VISITOR),
        request("POST", "/api/v1/widget/conversations/1/csat", {"score": 5, "comment": "great"}, token=VISITOR),
        request("POST", "/api/v1/widget/uploads", png, token=VISITOR, content_type="image/png",
                headers=["X-Filename: dot%20%C3%BC.png"]),
        request("POST", "/api/v1/uploads", "plain text notes\n", token=AGENT, content_type="text/plain"),
        request("POST", "/api/v1/widget/uploads", b"\x00\x01<script>", token=VISITOR),
        request("POST", "/api/v1/auth/logout", token=AGENT),
        # Transfer-Encoding, keep-alive and connection close, an upgrade.
        b"POST /api/v1/conversations/1/read HTTP/1.1\r\nHost: chat.fuzz.test\r\nAuthorization: Bearer " + ADMIN.encode() +
        b"\r\nTransfer-Encoding: chunked\r\n\r\n9\r\n{\"seq\":1}\r\n0\r\n\r\n" + request("GET", "/healthz"),
        b"GET /api/v1/me HTTP/1.0\r\nAuthorization: Bearer " + AGENT.encode() + b"\r\n\r\n",
        b"GET /healthz HTTP/1.1\r\nHost: chat.fuzz.test\r\nConnection: close\r\n\r\n" +
        request("GET", "/api/v1/me", token=ADMIN),
        b"GET /healthz HTTP/1.1\r\n\r\n",                                          # no Host: refused
        b"GET /ws HTTP/1.1\r\nHost: chat.fuzz.test\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
        b"Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n",
        request("POST", "/api/v1/auth/login", " " * 100, headers=["Content-Length: 99999999"])[:200],
    ]
    write("http_router", seeds)


# ---- Realtime frames --------------------------------------------------------------------------

def frames(first, *objs):
    lines = [o if isinstance(o, str) else json.dumps(o) for o in objs]
    return bytes([first]) + "\n".join(lines).encode()


def realtime_frames():
    # Byte 0: bits 0-1 who said hello (0 nobody, 1 admin, 2 agent, 3 visitor), bits 2-3 the Origin.
    seeds = [
        frames(0, {"type": "hello", "token": VISITOR}, {"type": "ping", "t": 7}),
        frames(0, {"type": "hello", "token": ADMIN}, {"type": "presence.set", "status": "away"}),
        frames(0, {"type": "hello", "token": "pa_wrong"}),
        frames(0, {"type": "message.send", "client_id": "x", "body": "before hello"}),
        frames(0, "{not json", '{"type":5}', "[]"),
        frames(3, {"type": "message.send", "client_id": "v1", "body": "first"},
               {"type": "message.send", "client_id": "v1", "body": "first"}),
        frames(3, {"type": "message.send", "conversation_id": 1, "client_id": "v2", "body": "my order",
                   "attachments": [{"url": UPLOAD, "name": "a.png", "size": 8,
                                    "content_type": "image/png"}]}),
        frames(3, {"type": "typing", "conversation_id": 1, "typing": True, "draft": "my order num"},
               {"type": "read", "conversation_id": 1, "seq": 2}),
        frames(3, {"type": "resume", "conversation_id": 1, "after_seq": 0}),
        frames(3, {"type": "resume", "conversation_id": 2, "after_seq": 0}),
        frames(3, {"type": "pageview", "url": "https://shop.example.com/cart", "title": "Cart",
                   "referrer": "https://search.example"}),
        frames(3 | 4, {"type": "ping"}),
        frames(3 | 8, {"type": "ping"}),
        frames(3 | 12, {"type": "hello", "token": VISITOR}),
        frames(1, {"type": "message.send", "conversation_id": 1, "client_id": "a-1", "body": "Hi!",
                   "private": True}),
        frames(1, {"type": "message.send", "conversation_id": 2, "client_id": "a-2", "body": "other ws"}),
        frames(2, {"type": "typing", "conversation_id": 1, "typing": False},
               {"type": "read", "conversation_id": 1, "seq": 99}),
        frames(1, {"type": "resume", "after_offset": 0}),
        frames(1, {"type": "resume", "after_offset": 3, "epoch": "some-other-database"}),
        frames(2, {"type": "presence.set", "status": "online"}, {"type": "launch.rockets"}),
        frames(1, {"type": "message.send", "conversation_id": "seven", "client_id": "x", "body": "hi"},
               {"type": "message.send", "conversation_id": 1, "body": "no client id"},
               {"type": "message.send", "conversation_id": 1, "client_id": "x", "body": "   "}),
        frames(1, {"type": "hello", "token": ADMIN}),
    ]
    write("realtime_frames", seeds)


# ---- JSON bodies ------------------------------------------------------------------------------

def json_inputs():
    seeds = [
        {"body": "Hello", "client_id": "c-1"},
        {"body": "", "client_id": "c-2", "private": True,
         "attachments": [{"url": UPLOAD, "name": "a.png", "size": 10, "content_type": "image/png"}]},
        {"body": "x", "client_id": "c-3", "attachments": [{"url": "javascript:alert(1)"}]},
        {"color": "#4f46e5", "position": "left", "offset_x": 20, "offset_y": 200, "greeting": "Hi",
         "show_agent_avatars": True, "locale": "es",
         "prechat": {"enabled": True, "fields": [{"name": "email", "required": True}]},
         "business_hours": {"enabled": True, "timezone": "America/New_York",
                            "days": {"mon": ["09:00", "17:00"], "fri": ["22:00", "24:00"], "sun": None}}},
        {"business_hours": {"enabled": True, "timezone": "Australia/Lord_Howe", "days": {"sat": ["23:30", "01:00"]}}},
        {"name": "Vera", "email": "vera@example.com", "attributes": {"plan": "pro", "seats": 3, "vip": True,
                                                                     "plan2": None}},
        {"conversation_id": 1, "seq": 3, "after_seq": 1.0, "typing": False, "status": "away",
         "snoozed_until": 1.5e12, "big": 18446744073709551615},
        ["https://shop.example.com", "*.example.org", "http://localhost:8080", "*", "shop.example.com/path"],
        {"origin": "https://a.example.org", "allowed_origins": ["https://a.example.org"]},
        "[\"https://x.example.com;script-src *\", \"'self'\", \"[::1]:8080\"]",
        "{\"body\":\"\\u0000\\ud83d\\ude00 \\u2028 \\\"quoted\\\"\",\"client_id\":\"c\"}",
        "{\"a\":1,\"a\":2}",
        "1e400",
        "{\"x\":[[[[[[[[[[[[]]]]]]]]]]]}",
        # An AI endpoint's chat-completions answers (issue 14 item 6): content citing [n], a refusal.
        {"id": "c", "choices": [{"index": 0, "message": {"role": "assistant",
                                                        "content": "Ships in 2 days [1]. Free returns [2]."},
                                 "finish_reason": "stop"}]},
        {"choices": [{"message": {"content": None, "refusal": "no"}, "finish_reason": "content_filter"}]},
        # Settings > Bot and structured message content (issue 14, items 4 and 5).
        {"enabled": True, "when": "outside_hours", "greeting": "Hi", "handoff_text": "Passing you on",
         "offline_text": "Back {back}", "options": [
             {"id": "hours", "label": "Hours", "action": "answer", "text": "9 to 5"},
             {"id": "mail", "label": "Email me", "action": "ask", "field": "email", "question": "Your email?"},
             {"id": "doc", "label": "Docs", "action": "article", "article_id": 1},
             {"id": "human", "label": "Human", "action": "human"}],
         "ai": {"enabled": True, "base_url": "http://127.0.0.1:8081/v1", "model": "m", "api_key": "k",
                "timeout_ms": 5000, "max_per_hour": 10}},
        {"type": "quick_replies", "options": [{"id": "a", "label": "A"}, {"id": "b", "label": "B"}]},
        {"type": "articles", "articles": [{"id": 1, "title": "T", "excerpt": "E", "url": "/help/w/articles/t"}]},
        {"message_id": 7, "option_id": "a"},
    ]
    write("json_inputs", [s if isinstance(s, str) else json.dumps(s) for s in seeds])


# ---- Tokens and cursors -----------------------------------------------------------------------

def visitor_token():
    write("visitor_token", [
        "Bearer " + VISITOR, "Bearer " + OTHER_VISITOR, "Bearer " + ADMIN, "bearer " + AGENT,
        "Bearer " + OTHER_ADMIN, VISITOR, "Bearer pv_ws_fuzz.", "Bearer pv_.visitor", "Bearer pv_ws_other.visitor2",
        "Bearer pv_ws_fuzz.visitor\x00", "Bearer ", "Basic dXNlcjpwYXNz", "Bearer pd_1.4000000000000.00ff.abcdef",
        "https://chat.fuzz.test",
    ])


def conversation_cursor():
    # Byte 0: sort (bits 0-1: newest, waiting, priority, default), page size - 1 (bits 2-4), filter (5-7).
    write("conversation_cursor", [
        b"\x00", b"\x04n1700000030001.13", b"\x01w9223372036854775807.5", b"\x05w1700000000000.1",
        b"\x02p4.1700000030001.13", b"\x26p0.0.0", b"\x40n1.1", b"\x60n-1.-9223372036854775808",
        b"\x80n99999999999999999999.1", b"\xa3p1.2.3.4", b"\x00garbage!!", b"\x00n1700000030001.", b"\x01n1.2",
    ])


# ---- User agents and uploads ------------------------------------------------------------------

def user_agent():
    write("user_agent", [
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 "
        "Safari/537.36 Edg/120.0.2210.91",
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/119.0.0.0 "
        "Safari/537.36 OPR/105.0.0.0",
        "Opera/9.80 (Windows NT 6.1; WOW64) Presto/2.12.388 Version/12.18",
        "Mozilla/5.0 (Windows NT 6.1; WOW64; Trident/7.0; rv:11.0) like Gecko",
        "Mozilla/5.0 (compatible; MSIE 10.0; Windows NT 6.2; Trident/6.0)",
        "Mozilla/5.0 (Macintosh; Intel Mac OS X 10.15; rv:121.0) Gecko/20100101 Firefox/121.0",
        "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.2 "
        "Safari/605.1.15",
        "Mozilla/5.0 (iPhone; CPU iPhone OS 17_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
        "CriOS/120.0.6099.119 Mobile/15E148 Safari/604.1",
        "Mozilla/5.0 (iPad; CPU OS 16_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/16.6 "
        "Mobile/15E148 Safari/604.1",
        "Mozilla/5.0 (iPhone; CPU iPhone OS 17_1_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
        "Mobile/15E148 [FBAN/FBIOS;FBDV/iPhone14,5;FBSV/17.1.2]",
        "Mozilla/5.0 (Linux; Android 13; SAMSUNG SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) "
        "SamsungBrowser/23.0 Chrome/115.0.0.0 Mobile Safari/537.36",
        "Mozilla/5.0 (Android 14; Mobile; rv:121.0) Gecko/121.0 Firefox/121.0",
        "Mozilla/5.0 (X11; CrOS x86_64 14541.0.0) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36",
        "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/120.0.6099.28 "
        "Safari/537.36",
        "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
        "facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)",
        "Mozilla/5.0 (Linux; Android 10; CUBOT X30) AppleWebKit/537.36 Chrome/120.0.0.0 Mobile Safari/537.36",
        "WhatsApp/2.23.20.0", "curl/8.4.0", "",
    ])


def upload_type():
    # Byte 0: how many of the following bytes are the file name; the rest is the file.
    def seed(name, body):
        name = name.encode() if isinstance(name, str) else name
        body = body.encode() if isinstance(body, str) else body
        return bytes([len(name)]) + name + body
    write("upload_type", [
        seed("dot.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\x0dIHDR"),
        seed("photo.JPG", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00"),
        seed("anim.gif", "GIF89a\x01\x00\x01\x00\x80\x00\x00"),
        seed("pic.webp", b"RIFF\x24\x08\x00\x00WEBPVP8 "),
        seed("sound.wav", b"RIFF\x24\x08\x00\x00WAVEfmt "),
        seed("doc.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj"),
        seed("a.zip", b"PK\x03\x04\x14\x00\x00\x00\x08\x00"),
        seed("empty.zip", b"PK\x05\x06" + b"\x00" * 18),
        seed("notes.txt", "Order #1234 never arrived.\r\nPlease help!\n"),
        seed("list.csv", "name,qty\n\u00c4pfel,3\n\u0411\u043e\u0440\u0449,1\n\u5bff\u53f8,2\n"),
        seed("x.exe", b"MZ\x90\x00\x03\x00\x00\x00"),
        seed("../../etc/passwd", "<html><script>alert(1)</script></html>"),
        seed("C:\\Users\\ann\\Desktop\\photo.JPG", b"\x7fELF\x02\x01\x01\x00"),
        seed("report (final)*?.docx", "caf\xe9 latin-1".encode("latin-1")),
        seed("a\r\nX-Injected: 1.txt", b"abc\x00def"),
        seed("invoice\u202efdp.exe", "\x01\x02\x03\x04\x05 mostly control"),
        seed("Gr\u00fc\u00dfe aus K\u00f6ln.png", "\u8acb\u6c42\u66f8"),
        seed("zero\u200bwidth.txt", b"bad\xff\xfe.txt"),
        seed("  name.txt. . ", "many     spaces"),
        seed("x" * 130 + ".pdf", "long name"),
        seed("\u00fc" * 100 + ".txt", "umlauts"),
        seed("%2e%2e%2fsecret%00.txt", "encoded"),
        seed("", UPLOAD),
        seed("", "/uploads/%2e%2e/app"),
        seed("", "/uploads/0123456789ABCDEF0123456789abcdef.txt"),
    ])


# ---- Inbound email ----------------------------------------------------------------------------

def inbound_email():
    # The shapes of server/tests/unit/inbound_email_parser_test.cpp, with CRLF as mail has it.
    def crlf(text):
        return text.replace("\n", "\r\n").encode("latin-1") if isinstance(text, str) else text
    write("inbound_email", [crlf(m) for m in [
        "From: =?ISO-8859-1?Q?J=F6_Smith?= <jo@example.com>\nTo: Parley <reply+tok123@parley.test>\n"
        "Cc: boss@example.com\nSubject: =?UTF-8?B?UmU6IEdyw7zDn2U=?=\nMessage-ID: <CAF+xyz@mail.example.com>\n"
        "In-Reply-To: <m1.abc@parley.test>\nReferences: <first@parley.test>\n <m1.abc@parley.test>\n"
        "MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=\"outer\"\n\n--outer\n"
        "Content-Type: multipart/alternative; boundary=\"inner\"\n\n--inner\n"
        "Content-Type: text/plain; charset=UTF-8\nContent-Transfer-Encoding: quoted-printable\n\n"
        "Thanks!=E2=80=93 gr=C3=BC=C3=9Fe.\nA soft=\n break.\n\nOn Mon, 4 Mar 2024 at 10:12, Parley <reply+t@parley.test> wrote:\n"
        "> Hi\n--inner\nContent-Type: text/html; charset=UTF-8\n\n<p>Thanks</p>\n--inner--\n--outer\n"
        "Content-Type: image/png; name=\"photo.png\"\nContent-Disposition: attachment; filename=\"photo.png\"\n"
        "Content-Transfer-Encoding: base64\n\niVBORw0KGgoAAAANSUhEUg==\n--outer--\n",
        "From: hans@example.de\nSubject: =?iso-8859-1?q?Gr=FC=DFe?=\nContent-Type: text/plain; charset=ISO-8859-1\n"
        "Content-Transfer-Encoding: 8bit\n\nSch\xf6ne Gr\xfc\xdfe\n\n-- \nHans\n",
        "From: jo@example.com\nContent-Type: text/html; charset=utf-8\n\n<html><style>p{}</style><p>Hi &amp; "
        "welcome</p><div>x&nbsp;y<br>&#8211; &#x263A;</div><script>1</script><!-- c --></html>\n",
        "From: Mail Delivery System <MAILER-DAEMON@mx.example.com>\nContent-Type: multipart/report; "
        "report-type=delivery-status; boundary=\"b\"\n\n--b\nContent-Type: text/plain\n\nNot delivered.\n--b\n"
        "Content-Type: message/delivery-status\n\nStatus: 5.1.1\n--b\nContent-Type: message/rfc822\n\n"
        "From: support@parley.test\nSubject: original\n\nbody\n--b--\n",
        "Return-Path: <>\nAuto-Submitted: auto-replied\nPrecedence: bulk\nX-Autoreply: yes\n"
        "Delivered-To: reply+tok@parley.test\nX-Original-To: reply+tok2@parley.test\nFrom: jo@example.com\n\naway\n",
        "From: jo@example.com\nContent-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: base64\n\n"
        "SGVsbG8sIHfDtnJsZCE=\n",
        "From: \"J\xf6\" <jo@example.com>\nSubject: Gr\xfc\xdfe \xff\nContent-Type: text/plain; charset=utf-8\n\n"
        "Sch\xf6n\x00 \xed\xa0\x80 end\n",
    ]])


if __name__ == "__main__":
    websocket_frame()
    http_router()
    realtime_frames()
    json_inputs()
    visitor_token()
    conversation_cursor()
    user_agent()
    upload_type()
    inbound_email()
