// t0200-browser.mjs: a person's first visit, in Debian's chromium driven by
// playwright-core: log in, set up the second factor, find the audit trail,
// switch to English and back, a keyboard-only login, log out. Screenshots go
// to tests/e2e/artifacts/. Speaks TAP.
import path from "node:path";
import { artifacts, done, launch, ok, startServer, totp } from "./harness.mjs";

const password = "correct horse battery staple";
const { base, server } = await startServer(["--org", "サンプル株式会社（デモ）",
  "--email", "demo@example.jp", "--name", "山田 花子", "--sample"], password);

const browser = await launch();
const page = await browser.newPage({ viewport: { width: 1280, height: 860 }, locale: "ja-JP" });
const shot = (name) => page.screenshot({ path: path.join(artifacts, name), fullPage: true });

try {
  await page.goto(base + "/");
  ok(page.url().startsWith(base + "/login"), "the first visit lands on the login page");
  ok((await page.locator("h1").textContent()) === "ログイン", "the login page is in Japanese");
  await shot("01-login.png");

  await page.getByLabel("メールアドレス").fill("demo@example.jp");
  await page.getByLabel("パスワード").fill(password);
  await page.getByRole("button", { name: "ログイン" }).click();
  await page.waitForURL(/\/settings/);
  ok(await page.getByText("管理者の役割には二要素認証が必要です").isVisible(),
    "an administrator is asked to set up the second factor");
  await shot("02-mfa-setup.png");

  const secret = (await page.locator("#mfa-secret").textContent()).trim();
  ok(/^[A-Z2-7]{32}$/.test(secret), "the secret is shown for the authenticator app");
  await page.getByLabel("認証アプリの 6 桁のコード").first().fill(totp(secret));
  await page.getByRole("button", { name: "二要素認証を有効にする" }).click();
  await page.waitForSelector("#recovery-codes");
  ok(await page.getByText("二要素認証を設定しました").isVisible(), "the second factor is on");
  ok((await page.locator("#recovery-codes li").count()) === 10, "ten recovery codes are shown once");
  await shot("02b-recovery-codes.png");

  await page.getByRole("link", { name: "ホーム" }).click();
  ok((await page.locator("h1").textContent()) === "ホーム", "home page");
  ok(await page.getByText("サンプル", { exact: true }).first().isVisible(),
    "the sample organisation is marked as a sample");
  await shot("03-home.png");

  // The first-run path: profile, the five basics, the self-diagnosis.
  await page.getByRole("link", { name: "はじめの一歩" }).click();
  ok((await page.locator("h1").textContent()) === "はじめの一歩", "the first-steps guide");
  await shot("03a-start.png");
  await page.getByRole("link", { name: "会社のプロフィール" }).click();
  await page.getByLabel("代表者名").fill("山田 花子");
  await page.getByLabel("従業員数").fill("12");
  await page.locator("input[name=dedicated_admin][value='0']").check();
  await page.locator("input[name=large_private_data][value='1']").check();
  await page.getByRole("button", { name: "保存" }).click();
  await page.waitForURL(/\/start/);
  await page.goto(base + "/profile");
  ok((await page.locator("#level").textContent()) === "L2", "the profile gives level L2");
  await page.getByRole("link", { name: "情報セキュリティ5か条" }).first().click();
  for (let p = 1; p <= 5; p++) {
    const card = page.locator(`#p${p}`);
    await card.locator("select[name=status]").selectOption("committed");
    await card.getByRole("button", { name: "保存" }).click();
    await page.waitForURL(new RegExp(`#p${p}`));
  }
  ok(await page.getByText("宣言できます").first().isVisible(), "SECURITY ACTION ★ becomes ready");
  await shot("03b-five.png");
  await page.getByRole("link", { name: "自社診断（25項目）" }).click();
  await page.getByRole("button", { name: "診断を始める" }).click();
  await page.waitForURL(/\/diagnosis\/\d+$/);
  const plan = { 4: "実施していない", 11: "わからない", 18: "一部実施している", 24: "実施していない" };
  for (let i = 1; i <= 25; i++) {
    const label = plan[i] || "実施している";
    await page.locator(`#q${i}`).getByLabel(label, { exact: true }).check();
  }
  await shot("03c-diagnosis-form.png");
  await page.getByRole("button", { name: "回答を完了" }).click();
  await page.waitForSelector("#score");
  ok((await page.locator("#score").textContent()) === String(21 * 4 + 2 - 1), "the result scores 85");
  ok((await page.locator("ol.advice li").count()) === 4, "four items need work, weakest first");
  await shot("03d-diagnosis-result.png");
  await page.getByRole("link", { name: "自社診断の一覧へ戻る" }).click();
  ok(await page.locator("svg.chart").isVisible(), "the trend chart shows the history");
  await shot("03e-diagnosis-overview.png");

  // The basic policy: draft, approve, publish; ★★ becomes ready.
  await page.getByRole("link", { name: "基本方針" }).click();
  await page.getByRole("button", { name: "ひな形から作成する" }).click();
  await page.waitForSelector("#doc");
  ok((await page.locator("#doc h1").textContent()).includes("基本方針"), "the policy is drafted");
  await page.getByRole("button", { name: "経営者として承認する" }).click();
  await page.getByRole("button", { name: "公開済みにする" }).click();
  await page.waitForSelector(".badge.ok");
  await shot("03f-policy.png");
  await page.goto(base + "/policy/print");
  await shot("03g-policy-print.png");
  await page.goto(base + "/start");
  ok(await page.getByText("★★ 宣言できます").isVisible(), "SECURITY ACTION ★★ is ready");
  await shot("03h-start-done.png");

  await page.getByRole("link", { name: "監査証跡" }).click();
  ok((await page.locator("h1").textContent()) === "監査証跡", "the audit trail is one click from any page");
  ok(await page.getByText("二要素認証の設定").first().isVisible(), "it lists the MFA change");
  await shot("04-audit.png");

  await page.getByRole("link", { name: "管理策（93）" }).click();
  await page.locator("select[name=theme]").selectOption("people");
  await page.waitForURL(/theme=people/);
  ok((await page.locator("table.list tbody tr").count()) === 8, "the control browser filters by theme");
  await shot("05-controls.png");

  await page.getByRole("button", { name: "English" }).click();
  await page.waitForLoadState();
  ok((await page.locator("h1").textContent()).startsWith("Controls"), "switched to English");
  await shot("06-controls-en.png");
  await page.getByRole("button", { name: "日本語" }).click();
  await page.waitForLoadState();
  ok((await page.locator("h1").textContent()).startsWith("管理策"), "and back to Japanese");

  await page.getByRole("button", { name: "ログアウト" }).click();
  await page.waitForURL(/\/login/);
  ok(true, "logged out");

  // Keyboard only: no mouse from here on.
  await page.goto(base + "/login");
  await page.waitForFunction(() => document.activeElement.id === "email", null, { timeout: 5000 })
    .catch(() => {});
  const focused = await page.evaluate(() => document.activeElement.id);
  ok(focused === "email", "the e-mail field has the focus on arrival", focused);
  await page.keyboard.type("demo@example.jp");
  await page.keyboard.press("Tab");
  ok((await page.evaluate(() => document.activeElement.id)) === "password", "Tab moves to the password");
  await page.keyboard.type(password);
  await page.keyboard.press("Enter");
  await page.waitForURL(/\/login\/mfa/);
  ok(true, "Enter submits; the second factor is asked");
  await page.waitForFunction(() => document.activeElement.id === "code");
  await page.keyboard.type(totp(secret));
  await page.keyboard.press("Enter");
  await page.waitForURL(base + "/");
  ok((await page.locator("h1").textContent()) === "ホーム", "logged in with the keyboard only");
  await page.keyboard.press("Tab");
  const skip = await page.evaluate(() => document.activeElement.textContent);
  ok(skip === "本文へ移動", "the first Tab reaches the skip link", skip);
  const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
  ok(outline !== "none", "focus is visible", outline);
  await shot("07-keyboard.png");
} catch (e) {
  ok(false, "browser walk", e.stack);
  await shot("99-failure.png").catch(() => {});
} finally {
  await browser.close();
  server.kill("SIGTERM");
}
done();
