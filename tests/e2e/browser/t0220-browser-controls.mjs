// t0220-browser-controls.mjs: after the risks, the controls, as a person
// does it in Debian's chromium: answer the profile so the company is L2,
// mark checklist items on the levelled checklist, decide a control of the
// Statement of Applicability on its page, approve the statement, change
// it, approve again and compare the two versions, download the statement
// as an Excel workbook, and follow the dashboard's figures to their
// lists. The bulk of the 93 decisions is made with `mamori soa set`, as
// an office would import them. Screenshots go to tests/e2e/artifacts/.
// Speaks TAP.
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { artifacts, done, launch, mamori, ok, startServer, totp } from "./harness.mjs";

const password = "correct horse battery staple";
const { data, base, server } = await startServer(["--org", "株式会社みまもり製作所",
  "--email", "owner@example.jp", "--name", "高橋 次郎"], password);
const cli = (...args) => spawnSync(mamori, ["--data", data, ...args], { encoding: "utf8" });

const browser = await launch();
const context = await browser.newContext({ viewport: { width: 1280, height: 860 },
  locale: "ja-JP", acceptDownloads: true });
const page = await context.newPage();
const shot = (name) => page.screenshot({ path: path.join(artifacts, name), fullPage: true });
const figure = (href) => page.locator(`a.figure[href="${href}"] strong`);

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

  // The profile: no dedicated administrator, a lot of personal data: L2.
  await page.goto(base + "/profile");
  await page.getByLabel("代表者名").fill("高橋 次郎");
  await page.getByLabel("従業員数").fill("30");
  await page.locator("input[name=dedicated_admin][value='0']").check();
  await page.locator("input[name=large_private_data][value='1']").check();
  await page.getByRole("button", { name: "保存" }).click();
  await page.waitForURL(/\/start/);
  await page.goto(base + "/profile");
  ok((await page.locator("#level").textContent()) === "L2", "the profile gives L2");

  await page.getByRole("link", { name: "ホーム" }).click();
  ok((await figure("/checklist").textContent()).trim() === "0%", "the checklist starts at 0%");
  await shot("30-dashboard-empty.png");

  // The levelled checklist: two items of the account domain.
  await figure("/checklist").click();
  await page.waitForURL(/\/checklist$/);
  await shot("31-checklist.png");
  await page.goto(base + "/checklist/3.1.1");
  await page.getByLabel("実施", { exact: true }).check();
  await page.getByLabel("担当者").fill("総務 佐藤");
  await page.getByLabel("実施の根拠").fill("アカウント一覧（総務共有フォルダ）");
  await page.getByLabel("次回の見直し日").fill("2099-04-01");
  await page.getByRole("button", { name: "記録する" }).click();
  await page.waitForURL(/\/checklist/);
  await page.goto(base + "/checklist/3.1.3");
  await page.getByLabel("一部", { exact: true }).check();
  await page.getByLabel("メモ").fill("退職者のアカウントは翌日までに止めるが、記録がない");
  await page.getByRole("button", { name: "記録する" }).click();
  await page.waitForURL(/\/checklist/);
  await page.goto(base + "/checklist/3.1.1");
  ok(await page.getByText("アカウント一覧（総務共有フォルダ）").first().isVisible() ||
     (await page.getByLabel("実施の根拠").inputValue()) === "アカウント一覧（総務共有フォルダ）",
     "the item keeps its evidence");
  await page.goto(base + "/checklist/gaps");
  ok((await page.locator("body").textContent()).includes("3.1.3"), "the partly done item is a gap");
  await shot("32-checklist-gaps.png");

  // One control decided on its page.
  await page.goto(base + "/soa/5.15");
  await page.getByLabel("適用する").check();
  await page.getByLabel("リスク対応").check();
  await page.getByLabel("実施状況").selectOption("partly");
  await page.getByLabel("責任者").fill("情報システム担当");
  await page.getByRole("button", { name: "保存" }).click();
  await page.waitForURL(/\/soa/);
  await page.goto(base + "/controls/5.15");
  ok((await page.locator("section.soa-box").textContent()).includes("一部実施"),
     "the control page shows the decision");

  // The other 92 from the command line; 7.4 is excluded.
  let failed = 0;
  for (const line of cli("soa", "list", "--format", "csv").stdout.trim().split("\n").slice(1)) {
    const id = line.split(",")[0].replace(/"/g, "");
    if (!/^[5-8]\.\d+$/.test(id) || id === "5.15") continue;
    const r = id === "7.4"
      ? cli("soa", "set", id, "--applicable", "no", "--justification", "監視の対象となる建物を持たない")
      : cli("soa", "set", id, "--applicable", "yes", "--reason", "practice", "--status", "implemented");
    if (r.status !== 0) failed++;
  }
  ok(failed === 0, "the other controls are decided from the command line");

  // Approval by the executive, then a change and a second version.
  await page.goto(base + "/soa");
  await shot("33-soa.png");
  await page.getByRole("button", { name: "承認する" }).click();
  await page.waitForURL(/\/soa/);
  await page.goto(base + "/soa/5.15");
  await page.getByLabel("実施状況").selectOption("implemented");
  await page.getByRole("button", { name: "保存" }).click();
  await page.waitForURL(/\/soa/);
  await page.goto(base + "/soa");
  await page.getByRole("button", { name: "承認する" }).click();
  await page.waitForURL(/\/soa/);
  await page.goto(base + "/soa/versions");
  ok((await page.locator("table tbody tr").count()) === 2, "two approved versions");
  // The form offers the newest two, older first.
  ok((await page.locator("select[name=a]").inputValue()) === "1" &&
     (await page.locator("select[name=b]").inputValue()) === "2", "the last two are offered");
  await page.locator("form[action='/soa/diff'] button").click();
  await page.waitForURL(/\/soa\/diff/);
  const diff = await page.locator("main").textContent();
  ok(diff.includes("5.15") && diff.includes("一部実施") && diff.includes("実施済"),
     "the comparison shows 5.15 moving from partly to implemented");
  await shot("34-soa-diff.png");

  // The statement as a workbook, in English while the page is Japanese.
  await page.goto(base + "/soa");
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "Excel（英語）" }).click(),
  ]);
  const bytes = readFileSync(await download.path());
  ok(bytes.subarray(0, 2).toString() === "PK", "an Excel workbook is downloaded");
  ok(download.suggestedFilename().endsWith(".xlsx"), "named .xlsx", download.suggestedFilename());

  // The dashboard: the figures moved, and each leads to its list.
  await page.goto(base + "/");
  const soaFigure = (await figure("/soa").textContent()).trim();
  ok(soaFigure === "92 / 92", "the SoA card: every applicable control implemented", soaFigure);
  ok((await figure("/checklist").textContent()).trim() !== "0%", "the checklist card moved");
  ok(await page.locator("svg[role=img] title").first().isVisible() ||
     (await page.locator("svg[role=img] title").count()) > 0, "charts carry a title");
  await shot("35-dashboard.png");
  await figure("/soa").click();
  await page.waitForURL(/\/soa$/);
  ok((await page.locator("h1").textContent()).includes("適用宣言書"), "the SoA card opens the statement");
} catch (e) {
  ok(false, "browser walk", e.stack);
  await shot("39-failure.png").catch(() => {});
} finally {
  await browser.close();
  server.kill("SIGTERM");
}
done();
