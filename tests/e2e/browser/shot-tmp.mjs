import { chromium } from "playwright-core";
const port = process.argv[2];
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox"] });
const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
await page.goto(`http://127.0.0.1:${port}/login`);
await page.fill("input[name=email]", "dept@example.jp");
await page.fill("input[name=password]", "a long enough passphrase for tests");
await page.click("button[type=submit]");
for (const [p, f] of [["/assets", "assets"], ["/assets/1", "asset1"], ["/risks", "risks"], ["/risks/1", "risk1"], ["/risks/method", "method"], ["/risks/new?asset=4", "new"], ["/plan", "plan"], ["/risks/report", "report"]]) {
  await page.goto(`http://127.0.0.1:${port}${p}`);
  await page.screenshot({ path: `/tmp/shots/${f}.png`, fullPage: true });
}
await browser.close();
