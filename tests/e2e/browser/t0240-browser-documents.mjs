// t0240-browser-documents.mjs: the document register as a person uses it
// in Debian's chromium: start a procedure from a template, watch the
// preview follow the Markdown as it is typed (the page's own script, no
// inline JS), see that typed HTML never runs, save a second version,
// submit, approve, and compare the two versions. Screenshots go to
// tests/e2e/artifacts/. Speaks TAP.
import path from "node:path";
import { artifacts, done, launch, ok, startServer, totp } from "./harness.mjs";

const password = "correct horse battery staple";
const { base, server } = await startServer(["--org", "株式会社ぶんしょ商会",
  "--email", "owner@example.jp"], password);

const browser = await launch();
const context = await browser.newContext({ viewport: { width: 1280, height: 900 },
  locale: "ja-JP" });
const page = await context.newPage();
const shot = (name) => page.screenshot({ path: path.join(artifacts, name), fullPage: true });
let dialogs = 0;
page.on("dialog", async (d) => { dialogs++; await d.dismiss(); });
const errors = [];
page.on("pageerror", (e) => errors.push(String(e)));

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

  // The register from the navigation, then a template.
  await page.goto(base + "/");
  await page.getByRole("link", { name: "文書管理台帳" }).first().click();
  await page.waitForURL(/\/documents$/);
  ok(await page.locator("#no-documents").isVisible(), "an empty register");
  await page.getByRole("link", { name: "文書を登録" }).click();
  await page.locator("#templates summary").click();
  await page.getByRole("link", { name: "アカウント管理手順" }).click();
  await page.waitForURL(/template=account-management/);
  ok((await page.locator("#doc-preview").textContent()).includes("株式会社ぶんしょ商会"),
    "the template's preview names the company");
  await shot("t0240-documents-template.png");

  // The live preview follows the text; typed HTML stays inert.
  const body = page.locator("#doc-body");
  await body.fill("# 新しい見出し\n\n<script>alert(1)</script>\n\n[押す](javascript:alert(2))\n\n"
    + "<img src=x onerror=alert(3)>\n");
  await page.waitForFunction(() =>
    document.querySelector("#doc-preview h1")?.textContent === "新しい見出し", null,
  { timeout: 5000 });
  ok(true, "the preview follows the text");
  const previewHtml = await page.locator("#doc-preview").innerHTML();
  ok(!previewHtml.includes("<script") && !previewHtml.includes("<img") &&
    !previewHtml.includes("javascript:alert"), "nothing typed runs in the preview", previewHtml);
  await body.fill("# アカウント管理手順\n\n1. 申請する\n");
  await page.waitForFunction(() =>
    document.querySelector("#doc-preview h1")?.textContent === "アカウント管理手順");
  await page.getByRole("button", { name: "登録する" }).click();
  await page.waitForURL(/\/documents\/\d+$/);
  ok((await page.locator("#facts").textContent()).includes("PR-01"), "registered as PR-01");

  // A second version, submitted and approved.
  await page.getByRole("link", { name: "本文を編集" }).click();
  await page.locator("#doc-body").fill("# アカウント管理手順\n\n1. 申請する\n2. 上長が承認する\n");
  await page.getByLabel("変更の理由").fill("承認を追加");
  await page.getByRole("button", { name: "新しい版として保存" }).click();
  await page.waitForURL(/\/documents\/\d+$/);
  await page.getByRole("button", { name: "承認を依頼する" }).click();
  await page.getByRole("button", { name: "この版を承認する" }).click();
  await page.waitForURL(/\/documents\/\d+$/);
  ok((await page.locator("#status").textContent()).includes("承認済み"), "approved");
  ok(await page.locator("#in-force").isVisible(), "the approved text is shown");
  await shot("t0240-documents-approved.png");

  await page.getByRole("button", { name: "比べる" }).click();
  await page.waitForURL(/\/diff\?a=1&b=2/);
  ok(await page.locator("#diff tr.added").count() === 1, "one added line");
  await shot("t0240-documents-diff.png");
  ok(dialogs === 0, "no script ever ran from a text");
  ok(errors.length === 0, "no script errors", errors.join("\n"));
} catch (e) {
  ok(false, "the walk-through", e.stack);
  await shot("t0240-documents-failure.png").catch(() => {});
} finally {
  await browser.close();
  server.kill();
}
done();
