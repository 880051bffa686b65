#!/bin/sh
# Checks that includes between the subsystems of src/ point the way
# STYLE.md draws them:
#   base ← conf, content, db, render, http · model ← db · report ← content, db, model,
#   render · mail ← conf, content, db, model, render · pages ← report, model,
#   render, http, mail · cli ← report, model, db, content, mail
# Two exceptions, each for a reason:
#   content may read model/diag.h, model/readiness.h, model/policy.h,
#   model/asset.h, model/risk.h, model/plan.h, model/bcp.h, model/exercise.h,
#   model/incident.h, model/appi.h, model/estimate.h, model/sme.h and
#   model/register.h — the constants a pack is checked against (the damage
#   pack's rules and their check, the SME table's types), and the key sets
#   it hands the register engine;
#   cli/cmd_serve.c may include pages/pages.h — it starts the server with
#   the route table, as main.c would.
# Prints every include that breaks the rule; exit status 1 if any.
set -u
cd "$(dirname "$0")/.." || exit 2

allowed() {
	case $1 in
	base)    echo "base" ;;
	conf)    echo "base conf" ;;
	content) echo "base content" ;;
	db)      echo "base db" ;;
	render)  echo "base render" ;;
	http)    echo "base http" ;;
	model)   echo "base db model" ;;
	report)  echo "base content db model render report" ;;
	mail)    echo "base conf content db model render mail" ;;
	pages)   echo "base http model render report pages mail" ;;
	cli)     echo "base conf content db model report cli mail" ;;
	*)       echo "" ;;
	esac
}

bad=0
for f in $(find src -name '*.[ch]' | sort); do
	rel=${f#src/}
	sub=${rel%%/*}
	[ "$sub" = "$rel" ] && continue		# app.c, cli.c, main.c: the top
	ok=$(allowed "$sub")
	for inc in $(sed -n 's/^#include "\([a-z_]*\)\/.*/\1/p' "$f" | sort -u); do
		case " $ok " in *" $inc "*) continue ;; esac
		case "$rel:$inc" in
		content/*:model)
			! grep '^#include "model/' "$f" |
			    grep -qvE 'model/(diag|readiness|policy|asset|register|risk|plan|bcp|exercise|incident|appi|estimate|sme)\.h' && continue ;;
		cli/cmd_serve.c:pages|cli/cmd_serve.c:http) continue ;;
		esac
		echo "layering: $f includes $inc/ (allowed: $ok)"
		bad=1
	done
	# Third-party headers stop at their adapters.
	for h in microhttpd sqlite3 libpq-fe qrencode cairo xlsxwriter zlib zip curl; do
		if grep -q "^#include <$h" "$f"; then
			case "$h:$rel" in
			microhttpd:http/server.c|sqlite3:db/db_sqlite.c|\
			libpq-fe:db/db_pg.c|qrencode:render/qr.c|\
			cairo:render/pdf.c|xlsxwriter:render/xlsx.c|\
			zip:render/zipfile.c|curl:mail/smtp.c|\
			zlib:base/gz.c|zlib:http/*) ;;
			*) echo "layering: $f includes <$h…>"; bad=1 ;;
			esac
		fi
	done
done
[ "$bad" -eq 0 ] && echo "layering: ok"
exit "$bad"
