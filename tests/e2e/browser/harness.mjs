// harness.mjs: what the browser tests share: TAP output, a TOTP code, a
// mamori server on a free loopback port with its own data file, and
// Debian's chromium driven by playwright-core.
import { spawn, spawnSync } from "node:child_process";
import { createHmac } from "node:crypto";
import { mkdtempSync, mkdirSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const here = path.dirname(fileURLToPath(import.meta.url));
export const mamori = process.env.MAMORI || "mamori";
export const artifacts = path.join(here, "..", "artifacts");
mkdirSync(artifacts, { recursive: true });

let n = 0;
let failed = 0;
export function ok(cond, name, detail) {
  n++;
  if (cond) {
    console.log(`ok ${n} - ${name}`);
  } else {
    failed++;
    console.log(`not ok ${n} - ${name}`);
    if (detail) console.log(`# ${String(detail).split("\n").join("\n# ")}`);
  }
}

// Prints the plan and exits 1 when anything failed.
export function done() {
  console.log(`1..${n}`);
  process.exit(failed ? 1 : 0);
}

export function totp(secret, at = Date.now() / 1000) {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  let bits = "";
  for (const ch of secret) bits += alphabet.indexOf(ch).toString(2).padStart(5, "0");
  const bytes = [];
  for (let i = 0; i + 8 <= bits.length; i += 8) bytes.push(parseInt(bits.slice(i, i + 8), 2));
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(at / 30)));
  const mac = createHmac("sha1", Buffer.from(bytes)).update(counter).digest();
  const off = mac[mac.length - 1] & 15;
  const code = (mac.readUInt32BE(off) & 0x7fffffff) % 1000000;
  return String(code).padStart(6, "0");
}

function freePort() {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

// A data file made by `mamori init ARGS…` (password on standard input),
// served on loopback: { dir, data, base, server }.
export async function startServer(initArgs, password) {
  const dir = mkdtempSync(path.join(tmpdir(), "mamori-browser-"));
  const data = path.join(dir, "m.db");
  const init = spawnSync(mamori, ["--data", data, "init", ...initArgs, "--password-stdin"],
    { input: password + "\n" });
  ok(init.status === 0, "data file created", init.stderr);
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const server = spawn(mamori, ["--data", data, "serve", "--listen", `127.0.0.1:${port}`,
    "--threads", "2", "--quiet"], { stdio: "ignore" });
  for (let i = 0; i < 100; i++) {
    try { await fetch(base + "/healthz"); break; } catch { await new Promise((r) => setTimeout(r, 50)); }
  }
  return { dir, data, base, server };
}

export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
}
