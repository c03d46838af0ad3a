#!/bin/sh
# run.sh MAMORI DATA: create the demonstration data file when there is none,
# then show the catalogues it works with.
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
echo
"$mamori" --data "$data" migrate
echo
"$mamori" catalog
echo
echo "demo: demo@example.jp / $(cat "$dir/demo-password.txt" 2>/dev/null)"
echo "data: $data    next: $mamori catalog --help"
