// The HTTP server both peer relays share: answers /healthz (scripts/bench waits on it), 404 otherwise.
"use strict";
const http = require("http");

module.exports = function healthServer() {
  return http.createServer((req, res) => {
    if (req.url === "/healthz") {
      res.setHeader("content-type", "application/json");
      return res.end('{"ok":true}');
    }
    res.statusCode = 404;
    res.end();
  });
};
