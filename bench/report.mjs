// Turns one scripts/bench run (a folder of JSON files written by parley_loadgen) into
// bench/results/<date>.json and the generated part of docs/benchmarks.md, or, with --quick, only checks that the
// harness works (every target held its sockets and delivered messages at every step) and exits non-zero if not.
//   node bench/report.mjs --dir RUN_DIR [--quick] [--json OUT.json] [--md docs/benchmarks.md] [--web web/dist/widget]
//     [--carry bench/results/<earlier>.json]: peers (socketio, ws) not run this time are taken from that earlier run,
//     marked with its date in the table and as carried_from in the JSON.
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { mainChunkAssets } from "../web/widget/main-chunk.mjs";

const args = Object.fromEntries(
  process.argv.slice(2).reduce((acc, a, i, all) => {
    if (a.startsWith("--")) acc.push([a.slice(2), all[i + 1] && !all[i + 1].startsWith("--") ? all[i + 1] : true]);
    return acc;
  }, []),
);
const dir = args.dir;
if (!dir) {
  console.error("usage: node bench/report.mjs --dir RUN_DIR [--quick] [--json OUT] [--md FILE]");
  process.exit(2);
}
const read = (name) => {
  const p = path.join(dir, name);
  if (!fs.existsSync(p)) return null;
  const text = fs.readFileSync(p, "utf8").trim();
  for (const candidate of [text, text.split("\n").pop()]) {
    try {
      return JSON.parse(candidate);
    } catch {}
  }
  return { error: `unreadable ${name}` };
};

const TARGETS = [
  ["parley", "Parley"],
  ["parley_pg", "Parley, PostgreSQL"],
  ["parley_2nodes", "Parley, 2 nodes via Redis (cross-node)"],
  ["socketio", "socket.io 4 relay"],
  ["ws", "bare ws relay"],
];
const runs = Object.fromEntries(TARGETS.map(([k]) => [k, read(`${k}.json`)]).filter(([, v]) => v));
const env = read("env.json") || {};
// Peers not run this time: their figures from an earlier run (--carry), labelled with its date.
const carried = {};
if (args.carry && !args.quick && fs.existsSync(args.carry)) {
  const old = JSON.parse(fs.readFileSync(args.carry, "utf8"));
  for (const k of ["socketio", "ws"]) {
    if (runs[k] || !old.runs?.[k]) continue;
    runs[k] = { ...old.runs[k], carried_from: old.date };
    carried[k] = { date: old.date, coldstart: old.coldstart?.[k] ?? null };
  }
}
const labelOf = (k) => {
  const label = TARGETS.find(([t]) => t === k)[1];
  return carried[k] ? `${label} (run of ${carried[k].date})` : label;
};

// ---- checks (also the whole of --quick) ------------------------------------------------------------------------
function problems(name, r) {
  const out = [];
  if (r.error) return [`${name}: ${r.error}`];
  const c = r.connections || {};
  if ((c.visitors_held || 0) < (r.visitors_requested || 0)) out.push(`${name}: held ${c.visitors_held} of ${r.visitors_requested} visitors`);
  if ((c.agents_held || 0) < (r.agents || 0)) out.push(`${name}: held ${c.agents_held} of ${r.agents} agents`);
  if (!r.steps || r.steps.length === 0) out.push(`${name}: no load step ran`);
  for (const s of r.steps || []) if (!(s.agent_deliveries > 0)) out.push(`${name}: ${s.sender} ${s.rate}/s delivered nothing`);
  if (!(r.delivered_total > 0)) out.push(`${name}: no message delivered`);
  const errs = Object.entries(r.errors || {});
  if (errs.length) out.push(`${name}: error frames ${errs.map(([k, v]) => `${k}=${v}`).join(", ")}`);
  return out;
}

const expected = String(args.expect || "parley").split(",");
let bad = [];
for (const k of expected) if (!runs[k]) bad.push(`${k}: no result`);
for (const [k, r] of Object.entries(runs)) bad = bad.concat(problems(k, r));

if (args.quick) {
  for (const [k, r] of Object.entries(runs)) {
    const steps = (r.steps || []).map((s) => `${s.sender} ${s.rate}/s -> ${s.delivered_msgs_per_s}/s p99 ${s.latency.p99_ms} ms`);
    console.log(`${k}: ${r.connections?.visitors_held ?? 0} visitors, ${r.connections?.bytes_per_idle_connection ?? "?"} B/conn; ${steps.join("; ")}`);
  }
  if (bad.length) {
    console.error("benchmark harness broken:\n  " + bad.join("\n  "));
    process.exit(1);
  }
  console.log("benchmark harness: ok");
  process.exit(0);
}

// ---- figures ----------------------------------------------------------------------------------------------------
const stepAt = (r, sender, rate) => (r?.steps || []).find((s) => s.sender === sender && s.rate === rate);
function summary(r) {
  if (!r || r.error) return null;
  const ok = (r.steps || []).filter((s) => s.ok);
  const best = ok.reduce((m, s) => (s.delivered_msgs_per_s > (m?.delivered_msgs_per_s ?? -1) ? s : m), null);
  const under = (ms) => ok.filter((s) => s.latency.p99_ms <= ms).reduce((m, s) => Math.max(m, s.delivered_msgs_per_s), 0);
  const at = (rate) => {
    const s = stepAt(r, "visitor", rate);
    return s
      ? { ok: s.ok, delivered_msgs_per_s: s.delivered_msgs_per_s, p50_ms: s.latency.p50_ms, p99_ms: s.latency.p99_ms,
          p999_ms: s.latency.p999_ms, ack_p99_ms: s.ack_latency.p99_ms,
          cpu_per_1000: s.server_cpu_s_per_1000_msgs, server_cpu_pct: s.server_cpu_pct, load_cpu_pct: s.load_cpu_pct,
          store_cpu_per_1000: s.store_cpu_s_per_1000_msgs ?? null, store_cpu_pct: s.store_cpu_pct ?? null,
          server_cpu_pct_by_pid: s.server_cpu_pct_by_pid ?? null,
          other_cpu_pct: s.other_cpu_pct, noisy: !!s.noisy }
      : null;
  };
  return {
    visitors_held: r.connections.visitors_held,
    bytes_per_idle_connection: r.connections.bytes_per_idle_connection,
    server_rss_mb_loaded: Math.round(r.connections.server_rss_kb_after / 102.4) / 10,
    connects_per_s: r.connections.connects_per_s,
    max_msgs_per_s: best ? best.delivered_msgs_per_s : 0,
    max_msgs_per_s_sender: best ? best.sender : null,
    max_msgs_per_s_p99_ms: best ? best.latency.p99_ms : null,
    max_msgs_per_s_p99_under_50ms: under(50),
    saturated_msgs_per_s: Math.max(0, ...(r.steps || []).map((s) => s.delivered_msgs_per_s)),
    max_msgs_per_s_load_bound: !!best?.load_bound,
    max_msgs_per_s_p99_under_5ms: under(5),
    at: Object.fromEntries([250, 500, 1000, 2000, 5000, 7500, 10000, 15000].map((x) => [x, at(x)]).filter(([, v]) => v)),
    max_visitor_msgs_per_s: ok.filter((s) => s.sender === "visitor").reduce((m, s) => Math.max(m, s.delivered_msgs_per_s), 0),
    server_processes: r.server_processes ?? 1,
    agents_on_other_node: !!r.agents_on_other_node,
    sessions_per_s: r.sessions_per_s ?? null,
    load_bound_steps: (r.steps || []).filter((s) => s.load_bound).map((s) => `${s.sender} ${s.rate}`),
    noisy_steps: (r.steps || []).filter((s) => s.noisy).map((s) => `${s.sender} ${s.rate}`),
  };
}
const sums = Object.fromEntries(Object.entries(runs).map(([k, r]) => [k, summary(r)]));

function pageWeight() {
  const root = args.web || "web/dist/widget";
  if (!fs.existsSync(path.join(root, "widget.js"))) return { built: false };
  const gz = (buf) => zlib.gzipSync(buf, { level: 9 }).length;
  const br = (buf) => zlib.brotliCompressSync(buf).length;
  const loader = fs.readFileSync(path.join(root, "widget.js"));
  // What every page view loads (web/widget/main-chunk.mjs): frame.html and its main chunk, not the
  // lazy chunks (locales, the emoji picker and its data).
  const appFiles = [path.join(root, "frame.html"), ...mainChunkAssets(root).main.map((f) => path.join(root, "assets", f))];
  const app = appFiles.map((f) => fs.readFileSync(f));
  const sum = (xs) => xs.reduce((a, b) => a + b, 0);
  return {
    built: true,
    loader_bytes: loader.length,
    loader_gzip: gz(loader),
    loader_brotli: br(loader),
    app_files: appFiles.map((f) => path.relative(root, f)),
    app_bytes: sum(app.map((b) => b.length)),
    app_gzip: sum(app.map(gz)),
    app_brotli: sum(app.map(br)),
  };
}
const page = pageWeight();
page.total_gzip = page.built ? page.loader_gzip + page.app_gzip : null;

const P = sums.parley, PG = sums.parley_pg, N2 = sums.parley_2nodes, S = sums.socketio, W = sums.ws;
const ratio = (a, b, digits = 2) => (a != null && b != null && b !== 0 ? Number((a / b).toFixed(digits)) : null);
const equalRate = [2000, 5000].find((x) => P?.at[x] && S?.at[x]) ?? null;
const ratios = {
  msgs_per_s_vs_socketio: ratio(P?.max_msgs_per_s, S?.max_msgs_per_s),
  msgs_per_s_vs_ws: ratio(P?.max_msgs_per_s, W?.max_msgs_per_s),
  bytes_per_conn_vs_socketio: ratio(P?.bytes_per_idle_connection, S?.bytes_per_idle_connection),
  bytes_per_conn_vs_ws: ratio(P?.bytes_per_idle_connection, W?.bytes_per_idle_connection),
};
for (const x of [2000, 5000]) {
  ratios[`cpu_per_1000_at_${x}_vs_socketio`] = ratio(P?.at[x]?.cpu_per_1000, S?.at[x]?.cpu_per_1000);
  ratios[`cpu_per_1000_at_${x}_vs_ws`] = ratio(P?.at[x]?.cpu_per_1000, W?.at[x]?.cpu_per_1000);
  ratios[`p99_at_${x}_vs_socketio`] = ratio(P?.at[x]?.p99_ms, S?.at[x]?.p99_ms);
  ratios[`p99_at_${x}_vs_ws`] = ratio(P?.at[x]?.p99_ms, W?.at[x]?.p99_ms);
}

const cold = Object.fromEntries(
  ["parley", "parley_first_start", "socketio", "ws"]
    .map((k) => [k, read(`coldstart-${k}.json`) ?? carried[k]?.coldstart ?? null])
    .filter(([, v]) => v),
);
const goal = (met, measured, target) => ({ met: !!met, measured, target });
const goals = {
  idle_sockets: goal(P && P.visitors_held >= 18000 && P.bytes_per_idle_connection <= 2048,
    P ? `${P.visitors_held} sockets, ${P.bytes_per_idle_connection} B each` : "no run", "18,000 idle visitor sockets, <= 2 KB each"),
  throughput: goal(P && P.max_msgs_per_s >= 20000 && (!S || P.max_msgs_per_s >= 2 * S.max_msgs_per_s),
    P ? `${P.max_msgs_per_s} msgs/s (socket.io relay: ${S?.max_msgs_per_s ?? "n/a"})` : "no run", ">= 20,000 persisted msgs/s, 2x the peer"),
  p99_at_5k: goal(P?.at[5000] && P.at[5000].ok && P.at[5000].p99_ms <= 5,
    P?.at[5000] ? `${P.at[5000].p99_ms} ms` : "not run", "p99 <= 5 ms at 5,000 msgs/s"),
  cpu_vs_peer: goal(equalRate && P.at[equalRate].cpu_per_1000 <= S.at[equalRate].cpu_per_1000 / 5,
    equalRate ? `${P.at[equalRate].cpu_per_1000} vs ${S.at[equalRate].cpu_per_1000} CPU s per 1,000 msgs at ${equalRate}/s (${ratios[`cpu_per_1000_at_${equalRate}_vs_socketio`]}x)` : "no equal-rate step",
    "<= 1/5 of the peer's server CPU per 1,000 msgs"),
  cold_start: goal(cold.parley && cold.parley.median_ms < 1000, cold.parley ? `${cold.parley.median_ms} ms (median)` : "not measured", "< 1 s"),
};

const date = env.date || new Date().toISOString().slice(0, 10);
const result = { date, machine: env.machine, commit: env.commit, config: env.config, summary: sums, ratios, goals,
  coldstart: cold, page_weight: page, runs, problems: bad,
  carried_from: Object.fromEntries(Object.entries(carried).map(([k, c]) => [k, c.date])) };
if (args.json) fs.writeFileSync(args.json, JSON.stringify(result, null, 2) + "\n");

// ---- markdown ---------------------------------------------------------------------------------------------------
const f = (v, unit = "") => (v == null ? "–" : `${typeof v === "number" ? v.toLocaleString("en-US") : v}${unit}`);
const kib = (b) => (b == null ? "–" : `${(b / 1024).toFixed(1)} KiB`);
const COLS = [P, PG, N2, S, W];
const row = (label, get, unit = "", r = null) =>
  `| ${label} | ${COLS.map((x) => (x ? f(get(x), unit) : "–")).join(" | ")} | ${r == null ? "–" : `${r}x`} |`;
const atRow = (x, key, label, unit) =>
  row(`${label} at ${x.toLocaleString("en-US")} msgs/s`, (s) => s.at[x]?.[key] ?? null, unit, ratio(P?.at[x]?.[key], S?.at[x]?.[key]));

const lines = [];
lines.push(`Run of ${date} on ${env.machine?.cpu ?? "?"} (${env.machine?.cores ?? "?"} cores, ${env.machine?.mem_gb ?? "?"} GB, Linux ${env.machine?.kernel ?? "?"}), commit \`${env.commit ?? "?"}\`, Node ${env.machine?.node ?? "?"}.`);
lines.push(`Server pinned to core 0, load generator to core 1 (\`taskset\`); ${env.config?.visitors ?? "?"} visitors, ${env.config?.agents ?? "?"} agents, ${env.config?.step_seconds ?? "?"} s per rate step; Parley data directory on ${env.machine?.data_fs ?? "disk"} with SQLite WAL, synchronous=FULL.`);
if (PG || N2)
  lines.push(`PostgreSQL rows: ${env.config?.postgres ?? "PostgreSQL 15"}; ${env.config?.cluster_visitors ?? "?"} visitors, visitor rates ${env.config?.cluster_visitor_rates ?? "?"}; pinning: ${env.config?.pinning_cluster ?? "?"}. "Server CPU" is the Parley node(s) only (two nodes: summed), PostgreSQL's and Redis's CPU is its own row. Two nodes: visitors on node B, agents on node A, so every delivery is stored by B and crosses Redis to A; visitor steps only (agents sending from A would be delivered on A).`);
for (const [k, c] of Object.entries(carried)) lines.push(`${labelOf(k)}: not run this time, figures of \`bench/results/${c.date}.json\`.`);
lines.push(`Full figures: \`bench/results/${date}.json\`.`);
lines.push("");
lines.push(`| | ${TARGETS.map(([k]) => labelOf(k)).join(" | ")} | Parley / socket.io |`);
lines.push("|---|---|---|---|---|---|---|");
lines.push(row("idle visitor sockets held", (s) => s.visitors_held));
lines.push(row("server memory per idle socket", (s) => s.bytes_per_idle_connection, " B", ratios.bytes_per_conn_vs_socketio));
lines.push(row("server RSS with all sockets", (s) => s.server_rss_mb_loaded, " MB"));
lines.push(row("highest rate held (>= 99 % delivered, >= 95 % of the offered rate)", (s) => `${s.max_msgs_per_s.toLocaleString("en-US")}${s.max_msgs_per_s_load_bound ? " (load-bound)" : ""}`, "", ratios.msgs_per_s_vs_socketio));
lines.push(row("msgs/s delivered when overloaded", (s) => s.saturated_msgs_per_s));
lines.push(row("max msgs/s with p99 <= 50 ms", (s) => s.max_msgs_per_s_p99_under_50ms));
lines.push(row("max msgs/s with p99 <= 5 ms", (s) => s.max_msgs_per_s_p99_under_5ms));
lines.push(row("highest visitor rate held (visitor steps only)", (s) => s.max_visitor_msgs_per_s));
for (const x of [250, 500, 1000, 2000, 5000, 10000]) {
  if (!COLS.some((s) => s?.at[x])) continue;
  lines.push(atRow(x, "delivered_msgs_per_s", "delivered msgs/s", ""));
  lines.push(atRow(x, "p50_ms", "p50", " ms"));
  lines.push(atRow(x, "p99_ms", "p99", " ms"));
  lines.push(atRow(x, "p999_ms", "p99.9", " ms"));
  lines.push(atRow(x, "cpu_per_1000", "server CPU s per 1,000 msgs", ""));
  if (PG || N2) lines.push(row(`PostgreSQL + Redis CPU s per 1,000 msgs at ${x.toLocaleString("en-US")} msgs/s`, (s) => s.at[x]?.store_cpu_per_1000 ?? null));
  lines.push(atRow(x, "load_cpu_pct", "load generator CPU", " %"));
}
lines.push(`| cold start (exec to /healthz) | ${f(cold.parley?.median_ms, " ms")} | – | – | ${f(cold.socketio?.median_ms, " ms")} | ${f(cold.ws?.median_ms, " ms")} | – |`);
lines.push("");
lines.push("Every rate step (sender: `visitor` = visitors each sending once a second; `agent` = agent sockets, not rate limited):");
lines.push("");
lines.push("| server | sender | offered/s | delivered/s | p50 ms | p99 ms | p99.9 ms | ack p99 ms | server CPU (kernel share) | CPU s/1k msgs | PostgreSQL + Redis CPU (s/1k msgs) | ctx switches/msg | load CPU | others' CPU | ok |");
lines.push("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
for (const [k] of TARGETS) {
  for (const s of runs[k]?.steps || []) {
    // Two nodes: the sum, then node B (visitors) + node A (agents).
    const byNode = s.server_cpu_pct_by_pid?.length === 2 ? `; B ${s.server_cpu_pct_by_pid[0]} % + A ${s.server_cpu_pct_by_pid[1]} %` : "";
    const store = s.store_cpu_pct != null ? `${s.store_cpu_pct} % (${s.store_cpu_s_per_1000_msgs})` : "–";
    lines.push(`| ${labelOf(k)} | ${s.sender} | ${f(s.rate)} | ${f(s.delivered_msgs_per_s)} | ${s.latency.p50_ms} | ${s.latency.p99_ms} | ${s.latency.p999_ms} | ${s.ack_latency.p99_ms} | ${s.server_cpu_pct} % (${s.server_kernel_share_pct ?? "?"} %)${byNode} | ${s.server_cpu_s_per_1000_msgs} | ${store} | ${s.server_context_switches_per_msg ?? "–"} | ${s.load_cpu_pct} %${s.load_bound ? " (load-bound)" : ""} | ${s.other_cpu_pct} %${s.noisy ? " (noisy)" : ""} | ${s.ok ? "yes" : `no: ${s.note}`} |`);
  }
}
lines.push("");
lines.push("Targets:");
lines.push("");
lines.push("| target | measured | met |");
lines.push("|---|---|---|");
for (const g of Object.values(goals)) lines.push(`| ${g.target} | ${g.measured} | ${g.met ? "yes" : "no"} |`);
lines.push("");
lines.push("Page weight of the widget (gzip -9; brotli in the JSON):");
lines.push("");
if (page.built) {
  lines.push("| | Parley | Chatwoot | Intercom | Crisp |");
  lines.push("|---|---|---|---|---|");
  lines.push(`| loader | ${kib(page.loader_gzip)} | – | – | – |`);
  lines.push(`| loader + chat app | ${kib(page.total_gzip)} | ~170 KiB | 300-500 KB | ~130 KB |`);
  lines.push("");
  lines.push("The peers' sizes are their published transfer sizes, not measured here.");
} else {
  lines.push("Widget not built (`cd web && npm run build:widget`): not measured.");
}
if (bad.length) {
  lines.push("");
  lines.push("Problems in this run: " + bad.join("; "));
}
const generated = lines.join("\n");

if (args.md) {
  const begin = "<!-- bench:begin (generated by scripts/bench; edit outside these markers) -->";
  const end = "<!-- bench:end -->";
  let doc = fs.existsSync(args.md) ? fs.readFileSync(args.md, "utf8") : "# Benchmarks\n\n" + begin + "\n" + end + "\n";
  if (!doc.includes(begin)) doc += "\n" + begin + "\n" + end + "\n";
  const a = doc.indexOf(begin), b = doc.indexOf(end);
  doc = doc.slice(0, a + begin.length) + "\n" + generated + "\n" + doc.slice(b);
  fs.writeFileSync(args.md, doc);
}
console.log(generated);
process.exit(bad.length ? 1 : 0);
