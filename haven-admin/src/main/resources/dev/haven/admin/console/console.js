// The Haven web console: polls the admin API with the token the operator pasted in.
"use strict";

const TOKEN_KEY = "haven-admin-token";
const POLL_MS = 2000;
const HISTORY = 60;
const history = [];
let timer = null;
let last = null;

function token() { return sessionStorage.getItem(TOKEN_KEY); }

async function api(method, path, body) {
  const options = { method, headers: { "Authorization": "Bearer " + token() } };
  if (body !== undefined) {
    options.headers["Content-Type"] = "application/json";
    options.body = JSON.stringify(body);
  }
  const response = await fetch("/api/v1" + path, options);
  if (response.status === 401) {
    signOut("The token was not accepted.");
    throw new Error("unauthorized");
  }
  const text = await response.text();
  const data = text ? JSON.parse(text) : null;
  if (!response.ok) {
    throw new Error(data && data.error ? data.error : response.statusText);
  }
  return data;
}

function bytes(n) {
  const units = ["B", "KiB", "MiB", "GiB", "TiB"];
  let i = 0;
  while (n >= 1024 && i < units.length - 1) { n /= 1024; i++; }
  return (i === 0 ? n : n.toFixed(1)) + " " + units[i];
}

function age(seconds) {
  if (seconds < 120) return seconds + " s";
  if (seconds < 7200) return Math.round(seconds / 60) + " min";
  if (seconds < 172800) return Math.round(seconds / 3600) + " h";
  return Math.round(seconds / 86400) + " d";
}

function cell(text, numeric) {
  const td = document.createElement("td");
  td.textContent = text;
  if (numeric) td.className = "num";
  return td;
}

function fill(tableId, rows, toCells) {
  const body = document.querySelector("#" + tableId + " tbody");
  body.replaceChildren(...rows.map(row => {
    const tr = document.createElement("tr");
    tr.append(...toCells(row));
    return tr;
  }));
}

function message(text, isError) {
  const p = document.getElementById("message");
  p.textContent = text;
  p.className = isError ? "message error" : "message";
}

async function takeSnapshot(fs, button) {
  button.disabled = true;
  try {
    const taken = await api("POST", "/filesystems/" + encodeURIComponent(fs) + "/snapshots", {});
    message("Snapshot " + taken.snapshot.name + " of " + fs + " taken (changes paused "
      + taken.pauseMillis.toFixed(1) + " ms).", false);
    await refresh();
  } catch (e) {
    message("Snapshot of " + fs + " failed: " + e.message, true);
  } finally {
    button.disabled = false;
  }
}

function snapshotButton(fs) {
  const td = document.createElement("td");
  const b = document.createElement("button");
  b.textContent = "Take snapshot";
  b.id = "snapshot-" + fs;
  b.className = "take-snapshot";
  b.addEventListener("click", () => takeSnapshot(fs, b));
  td.append(b);
  return td;
}

async function refresh() {
  const [status, filesystems, shares, sessions, opens] = await Promise.all([
    api("GET", "/status"), api("GET", "/filesystems"), api("GET", "/shares"),
    api("GET", "/sessions"), api("GET", "/opens")]);
  document.getElementById("node-info").textContent = status.dataDir + " \u00b7 up since " + status.started
    + " \u00b7 " + status.sessions + " sessions, " + status.opens + " opens";
  fill("filesystems", filesystems, f => [cell(f.name), cell(bytes(f.usedBytes), true), cell(bytes(f.freeBytes), true),
    cell(f.snapshots, true), cell(bytes(f.saveUsedBytes) + " / " + bytes(f.saveTotalBytes), true),
    cell(f.restore ? Math.round(100 * f.restore.done / Math.max(1, f.restore.total)) + "% from " + f.restore.source : "-"),
    snapshotButton(f.name)]);
  const snapshots = [];
  for (const f of filesystems) {
    for (const s of await api("GET", "/filesystems/" + encodeURIComponent(f.name) + "/snapshots")) {
      snapshots.push(Object.assign({ fs: f.name }, s));
    }
  }
  fill("snapshots", snapshots, s => [cell(s.fs), cell(s.name), cell(s.kind), cell(s.base || "-"),
    cell(age(s.ageSeconds), true), cell(bytes(s.heldBytes), true)]);
  fill("shares", shares, s => [cell(s.name), cell(s.filesystem + (s.snapshot ? "@" + s.snapshot : "")), cell(s.path),
    cell(s.readOnly ? "read-only" : "read-write")]);
  fill("sessions", sessions, s => [cell(s.user || "(anonymous)"), cell(s.client), cell(s.dialect), cell(s.since)]);
  fill("opens", opens, o => [cell(o.share), cell(o.name || "\\"), cell(o.inode, true), cell(o.locks.join(", ") || "-")]);
  sample(status);
}

function sample(status) {
  const now = Date.now();
  if (last) {
    const dt = Math.max(0.001, (now - last.time) / 1000);
    history.push({ read: (status.bytesRead - last.read) / dt, write: (status.bytesWritten - last.write) / dt });
    while (history.length > HISTORY) history.shift();
  }
  last = { time: now, read: status.bytesRead, write: status.bytesWritten };
  draw();
}

function draw() {
  const canvas = document.getElementById("throughput");
  const g = canvas.getContext("2d");
  const w = canvas.width, h = canvas.height;
  g.clearRect(0, 0, w, h);
  const max = Math.max(1024, ...history.map(p => Math.max(p.read, p.write)));
  g.fillStyle = "#66708a";
  g.font = "12px sans-serif";
  g.fillText(bytes(Math.round(max)) + "/s", 4, 12);
  for (const [key, color] of [["read", "#2f6fdb"], ["write", "#e67e22"]]) {
    g.strokeStyle = color;
    g.lineWidth = 2;
    g.beginPath();
    history.forEach((p, i) => {
      const x = w - (history.length - 1 - i) * (w / (HISTORY - 1));
      const y = h - 2 - (p[key] / max) * (h - 20);
      if (i === 0) g.moveTo(x, y); else g.lineTo(x, y);
    });
    g.stroke();
  }
}

function showConsole(visible) {
  document.getElementById("login-panel").hidden = visible;
  document.getElementById("console").hidden = !visible;
  document.getElementById("logout").hidden = !visible;
}

async function start() {
  showConsole(true);
  try {
    await refresh();
  } catch (e) {
    if (e.message !== "unauthorized") message("Cannot reach the node: " + e.message, true);
    if (!token()) return;
  }
  clearInterval(timer);
  timer = setInterval(() => refresh().catch(e => message("Cannot reach the node: " + e.message, true)), POLL_MS);
}

function signOut(reason) {
  clearInterval(timer);
  sessionStorage.removeItem(TOKEN_KEY);
  showConsole(false);
  document.getElementById("login-error").textContent = reason || "";
}

document.getElementById("login-form").addEventListener("submit", event => {
  event.preventDefault();
  sessionStorage.setItem(TOKEN_KEY, document.getElementById("token").value.trim());
  document.getElementById("login-error").textContent = "";
  start();
});
document.getElementById("logout").addEventListener("click", () => signOut(""));
if (token()) start();
