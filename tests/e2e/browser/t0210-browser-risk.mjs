// t0210-browser-risk.mjs: the risk assessment as a person does it, in
// Debian's chromium: register three assets and rate them, choose the IPA
// method, identify the risks of the most important one from the
// suggestions, rate them, find the top one on the heat map, treat it with
// a control, accept it, and download the register as an Excel workbook.
// Screenshots go to tests/e2e/artifacts/. Speaks TAP.
import { readFileSync } from "node:fs";
import path from "node:path";
import { artifacts, done, launch, ok, startServer, totp } from "./harness.mjs";

const password = "correct horse battery staple";
const { base, server } = await startServer(["--org", "株式会社リスク確認",
  "--email", "owner@example.jp", "--name", "佐藤 一郎"], password);

const browser = await launch();
const context = await browser.newContext({ viewport: { width: 1280, height: 860 },
  locale: "ja-JP", acceptDownloads: true });
const page = await context.newPage();
const shot = (name) => page.screenshot({ path: path.join(artifacts, name), fullPage: true });

try {
  await page.goto(base + "/login");
  await page.getByLabel("メールアドレス").fill("owner@example.jp");
  await page.getByLabel("パスワード").fill(password);
  await page.getByRole("button", { name: "ログイン" }).click();
  await page.waitForURL(/\/settings/);
  const secret = (await page.locator("#mfa-secret").textContent()).trim();
  await page.getByLabel("認証アプリの 6 桁のコード").first().fill(totp(secret));
  await page.getByRole("button", { name: "二要素認証を有効にする" }).click();
  await page.waitForSelector("#recovery-codes");

  // Three assets, rated on IPA's 0-2 scale.
  await page.getByRole("link", { name: "情報資産台帳" }).click();
  ok((await page.locator("h1").textContent()) === "情報資産管理台帳", "the register opens");
  const assets = [
    { name: "顧客名簿", medium: "server", c: "2", i: "2", a: "1", personal: true },
    { name: "見積書", medium: "cloud", c: "1", i: "1", a: "1", personal: false },
    { name: "就業規則", medium: "paper", c: "0", i: "1", a: "0", personal: false },
  ];
  for (const a of assets) {
    await page.goto(base + "/assets");
    await page.getByRole("link", { name: "情報資産を追加" }).click();
    await page.getByLabel("情報資産名称").fill(a.name);
    await page.getByLabel("媒体・保存先", { exact: true }).selectOption(a.medium);
    await page.getByLabel("管理部署").fill("営業部");
    if (a.personal) await page.getByLabel("個人情報", { exact: true }).check();
    await page.getByLabel("機密性").selectOption(a.c);
    await page.getByLabel("完全性").selectOption(a.i);
    await page.getByLabel("可用性").selectOption(a.a);
    await page.getByRole("button", { name: "保存" }).click();
    await page.waitForURL(/\/assets\/\d+$/);
  }
  await page.goto(base + "/assets");
  ok((await page.locator("table.register tbody tr").count()) === 3, "three assets are listed");
  await shot("20-assets.png");

  // The method, then the risks of the customer list.
  await page.getByRole("link", { name: "リスクアセスメント" }).click();
  await page.getByRole("link", { name: "評価方法を決める" }).click();
  ok(await page.getByText("被害発生可能性の換算表").first().isVisible(), "the IPA table is shown");
  await page.getByRole("button", { name: "この方法で始める" }).click();
  await page.waitForURL(/\/risks$/);
  await page.goto(base + "/assets?sort=name");
  await page.getByRole("link", { name: "顧客名簿" }).click();
  await page.getByRole("link", { name: "この資産のリスクを洗い出す" }).click();
  const boxes = page.locator("input[name=pair]:not([disabled])");
  ok((await boxes.count()) >= 5, "threats and vulnerabilities are suggested for a server");
  await boxes.nth(0).check();
  await boxes.nth(1).check();
  await shot("21-identify.png");
  await page.getByRole("button", { name: "選んだリスクを登録" }).click();
  await page.waitForURL(/\/risks\?asset=\d+/);
  const links = page.locator("#risk-list ~ div table tbody tr td:nth-child(3) a");
  ok((await links.count()) === 2, "two risks are registered");

  // Rate both: one high, one low.
  const hrefs = [await links.nth(0).getAttribute("href"), await links.nth(1).getAttribute("href")];
  const ratings = [["3", "3"], ["1", "2"]];
  for (let k = 0; k < 2; k++) {
    await page.goto(base + hrefs[k]);
    await page.getByLabel("脅威の大きさ").selectOption(ratings[k][0]);
    await page.getByLabel("脆弱性の大きさ", { exact: true }).selectOption(ratings[k][1]);
    await page.getByRole("button", { name: "保存" }).click();
    await page.waitForURL(/\/risks\/\d+$/);
  }
  await page.goto(base + "/risks");
  const topCell = page.locator('svg.heatmap a[href="/risks?cell=2,3#risk-list"]');
  ok((await topCell.count()) === 1, "the top risk shows in its cell of the heat map");
  await shot("22-heatmap.png");
  await topCell.click();
  await page.waitForURL(/cell=2,3/);
  const top = page.locator("#risk-list ~ div table tbody tr").first();
  ok((await top.locator("td").first().textContent()).trim() === "1", "it is first in priority");
  ok((await top.textContent()).includes("大"), "graded 大");

  // Treat it: reduce, with a reason and a control, then accept.
  await top.locator("td:nth-child(3) a").click();
  await page.getByLabel("低減").check();
  await page.getByLabel("対応の理由").fill("顧客情報の漏えいは影響が大きい");
  await page.locator("input[name=controls_more]").fill("8.7");
  await page.getByLabel("対応状況").selectOption("planned");
  await page.getByLabel("対応後の脆弱性").selectOption("1");
  await page.getByRole("button", { name: "保存" }).click();
  await page.waitForURL(/\/risks\/\d+$/);
  ok(await page.getByText("マルウェアに対する保護").first().isVisible(), "the control is named");
  await page.getByRole("button", { name: "残留リスクを受容する" }).click();
  await page.waitForURL(/\/risks\/\d+$/);
  ok(await page.getByText("owner@example.jp").first().isVisible(), "the acceptance is recorded");
  await shot("23-treated.png");

  // The report, then the register as a workbook.
  await page.goto(base + "/risks/report");
  ok(await page.getByText("リスクアセスメント報告書").first().isVisible(), "the report prints");
  await shot("24-report.png");
  await page.goto(base + "/assets");
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "Excel で書き出し" }).click(),
  ]);
  const file = await download.path();
  const bytes = readFileSync(file);
  ok(bytes.subarray(0, 2).toString() === "PK", "an Excel workbook is downloaded");
  ok(download.suggestedFilename().endsWith(".xlsx"), "named .xlsx", download.suggestedFilename());
} catch (e) {
  ok(false, "browser walk", e.stack);
  await shot("29-failure.png").catch(() => {});
} finally {
  await browser.close();
  server.kill("SIGTERM");
}
done();
