#!/bin/sh
# A throw-away PostgreSQL server for the tests, in a folder of its own, on
# a loopback port, with its socket in that folder.
#
#   scripts/pg-test.sh start DIR     initdb + start; prints the URL of a
#                                    database "mamori" (postgres://…)
#   scripts/pg-test.sh url DIR NAME  creates database NAME, prints its URL
#   scripts/pg-test.sh halt DIR      stops the server, keeps DIR (an outage)
#   scripts/pg-test.sh resume DIR    starts a halted server again, same port
#   scripts/pg-test.sh stop DIR      stops the server and removes DIR
#
# initdb and postgres refuse to run as root: as root they run as the
# `postgres` user (made by Debian's postgresql package), in a DIR it owns.
set -eu

bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
[ -n "$bindir" ] || { echo "pg-test: PostgreSQL is not installed (make deps-check)" >&2; exit 2; }

as_pg() {
	if [ "$(id -u)" -eq 0 ]; then
		runuser -u postgres -- "$@"
	else
		"$@"
	fi
}

cmd=${1:-}
dir=${2:-}
[ -n "$dir" ] || { echo "usage: $0 start|url|halt|resume|stop DIR [NAME]" >&2; exit 2; }

case $cmd in
start)
	mkdir -p "$dir"
	[ "$(id -u)" -eq 0 ] && chown postgres "$dir"
	as_pg "$bindir/initdb" -D "$dir/data" -A trust -U postgres -E UTF8 \
	    --locale=C.UTF-8 > "$dir/initdb.log" 2>&1 ||
	    { cat "$dir/initdb.log" >&2; exit 1; }
	# A free port: ask the kernel for one, then hand it to postgres.
	port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])' 2>/dev/null ||
	    echo $((20000 + $$ % 20000)))
	as_pg "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 30 \
	    -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=on -c max_connections=200" \
	    start > /dev/null || { cat "$dir/server.log" >&2; exit 1; }
	echo "$port" > "$dir/port"
	as_pg "$bindir/createdb" -h 127.0.0.1 -p "$port" -U postgres mamori
	echo "postgres://postgres@127.0.0.1:$port/mamori"
	;;
url)
	name=${3:?name}
	port=$(cat "$dir/port")
	as_pg "$bindir/createdb" -h 127.0.0.1 -p "$port" -U postgres "$name"
	echo "postgres://postgres@127.0.0.1:$port/$name"
	;;
halt)
	as_pg "$bindir/pg_ctl" -D "$dir/data" -m fast -w stop > /dev/null
	;;
resume)
	port=$(cat "$dir/port")
	as_pg "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 30 \
	    -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=on -c max_connections=200" \
	    start > /dev/null || { cat "$dir/server.log" >&2; exit 1; }
	;;
stop)
	if [ -f "$dir/data/postmaster.pid" ]; then
		as_pg "$bindir/pg_ctl" -D "$dir/data" -m immediate -w stop > /dev/null 2>&1 || true
	fi
	rm -rf "$dir"
	;;
*)
	echo "usage: $0 start|url|halt|resume|stop DIR [NAME]" >&2
	exit 2
	;;
esac
