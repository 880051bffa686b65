#!/bin/sh
# Installs the Debian packages mamori needs to build, run and test.
# Usage: scripts/deps.sh [run|check|all]   (default: all)
# Only missing packages are installed; a machine that has them all is left
# untouched and the script prints nothing.
set -eu

run_pkgs="pkg-config make gcc libmicrohttpd-dev libsqlite3-dev libjansson-dev
libyaml-dev libsodium-dev libqrencode-dev libpq-dev zlib1g-dev locales
libcairo2-dev libpango1.0-dev librsvg2-dev libxlsxwriter-dev libzip-dev liboath-dev
libcurl4-openssl-dev
fonts-ipaexfont-gothic fonts-ipaexfont-mincho"
check_pkgs="clang libcmocka-dev wrk chromium curl sqlite3 libclang-rt-14-dev
poppler-utils libxml2-utils postgresql
nginx-light openssl unzip python3-aiosmtpd"

case "${1:-all}" in
run)   want="$run_pkgs" ;;
check) want="$run_pkgs $check_pkgs" ;;
*)     want="$run_pkgs $check_pkgs" ;;
esac

missing=""
for p in $want; do
	if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed'; then
		missing="$missing $p"
	fi
done
# Node.js may come from Debian or be preinstalled with its own npm; only ask
# Debian for it when neither command is there.
case "${1:-all}" in
run) ;;
*)
	command -v node >/dev/null 2>&1 || missing="$missing nodejs"
	command -v npm >/dev/null 2>&1 || missing="$missing npm"
	;;
esac
if [ "$(id -u)" -ne 0 ]; then
	SUDO=sudo
else
	SUDO=
fi
if [ -n "$missing" ]; then
	echo "deps: installing$missing" >&2
	export DEBIAN_FRONTEND=noninteractive
	$SUDO apt-get update -qq >&2
	# shellcheck disable=SC2086
	$SUDO apt-get install -y -qq --no-install-recommends $missing >&2
fi
# The tests that prove numbers are written the same under a locale with a
# decimal comma need one: de_DE.UTF-8, made from the locales package.
case "${1:-all}" in
run) ;;
*)
	if ! locale -a 2>/dev/null | grep -qi '^de_DE\.utf-\?8$'; then
		echo "deps: generating the de_DE.UTF-8 locale for the tests" >&2
		$SUDO localedef -i de_DE -c -f UTF-8 de_DE.UTF-8 >&2 || true
	fi
	;;
esac
