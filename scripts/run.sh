#!/bin/sh
# run.sh MAMORI DATA: create the demonstration data file when there is none,
# then serve it on 127.0.0.1:8080 (or $MAMORI_LISTEN).
set -eu
mamori=$1
data=$2
dir=$(dirname "$data")
mkdir -p "$dir"
chmod 700 "$dir"
if [ ! -f "$data" ]; then
	# The demo account's password is generated once and kept beside the
	# data file (readable by its owner only) so later runs can show it.
	umask 077
	"$mamori" --data "$data" init --sample \
		--org "サンプル株式会社（デモ）" --email demo@example.jp \
		--name "デモ管理者" >"$dir/init.txt"
	sed -n 's/^初期パスワード：//p; s/^Initial password: //p' \
		"$dir/init.txt" >"$dir/demo-password.txt"
	cat "$dir/init.txt"
	rm -f "$dir/init.txt"
fi
listen=${MAMORI_LISTEN:-127.0.0.1:8080}
cat <<MSG

  mamori: http://$listen/
  ログイン / login:  demo@example.jp
  パスワード / password:  $(cat "$dir/demo-password.txt" 2>/dev/null)
  最初のログインで二要素認証（認証アプリ）を設定します。
  The first login sets up the second factor (an authenticator app).
  Ctrl+C で停止 / to stop.

MSG
exec "$mamori" --data "$data" serve --listen "$listen"
