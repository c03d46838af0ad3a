#!/usr/bin/env python3
"""gen-register.py: bench data for the asset register and the risks.

Usage: bench/gen-register.py MAMORI DATA ASSETS RISKS_PER_ASSET

Writes an IPA-layout CSV of ASSETS rows and imports it with `mamori asset
import` (the real path, timed by the caller), starts an IPA assessment with
`mamori risk method ipa`, then adds RISKS_PER_ASSET rated risks to every
asset straight into the data file: the CLI would take minutes for 50,000
of them, and the database's triggers keep the heat-map counters exactly as
the store's writes would. Likelihoods come from data/catalog/risk_likelihood.tsv,
the method's own table."""
import csv
import os
import random
import sqlite3
import subprocess
import sys

mamori, data, assets, per = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
random.seed(20261122)
media = ["書類", "事務所PC", "社内サーバー", "可搬電子媒体", "モバイル機器", "クラウドサービス"]
departments = ["営業部", "総務部", "設計部", "工事部", "経理部", "情報システム部"]
categories = ["営業", "総務", "設計", "工事", "経理", "人事", "広報"]
path = os.path.join(os.path.dirname(data), "register.csv")
with open(path, "w", encoding="utf-8-sig", newline="") as f:
    w = csv.writer(f)
    w.writerow(["業務分類", "情報資産名称", "備考", "利用者範囲", "管理部署", "媒体・保存先",
                "個人情報", "要配慮個人情報", "マイナンバー", "機密性", "完全性", "可用性",
                "重要度", "保存期限", "登録日"])
    for n in range(assets):
        d = random.choice(departments)
        w.writerow([random.choice(categories), f"情報資産{n:06d}", "業務で使う記録", "部員",
                    d, random.choice(media), random.choice(["有", ""]), "", "",
                    random.randint(0, 2), random.randint(0, 2), random.randint(0, 2), "",
                    "5年", "2026/4/1"])
subprocess.run([mamori, "--data", data, "asset", "import", path], check=True,
               stdout=subprocess.DEVNULL)
subprocess.run([mamori, "--data", data, "risk", "method", "ipa"], check=True,
               stdout=subprocess.DEVNULL)

table = {}
with open(os.path.join(root, "data/catalog/risk_likelihood.tsv"), encoding="utf-8") as f:
    for line in f:
        if line.startswith("#") or line.startswith("threat"):
            continue
        t, v, l = (int(x) for x in line.split("\t"))
        table[(t, v)] = l
db = sqlite3.connect(data)
assessment = db.execute("select id from risk_assessment where closed_at is null").fetchone()[0]
rows = []
for aid, importance in db.execute("select id, importance from asset where deleted_at is null"):
    for k in range(per):
        t, v = random.randint(1, 3), random.randint(1, 3)
        lik = table[(t, v)]
        level = importance * lik if importance >= 0 else -1
        rows.append((1, assessment, aid, f"t{k + 1:02d}", f"v{k + 1:02d}", t, v, lik,
                     importance, level, 0, 0))
db.executemany("insert into risk (org_id, assessment_id, asset_id, threat_id,"
               " vulnerability_id, threat_level, vulnerability_level, likelihood,"
               " importance, level, created_at, updated_at)"
               " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
db.commit()
