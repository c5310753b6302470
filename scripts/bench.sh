#!/usr/bin/env bash
# Benchmarks (figures, not pass/fail): server-side search time, throughput and p99 latency of
# the community and catalogue pages under 32 connections beside nginx serving the same bytes,
# and the compressed bytes a first visit to the catalogue downloads.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
TARGET="${CARGO_TARGET_DIR:-$PWD/target}"
PORT=3200
NGINX_PORT=3201
DURATION="${BENCH_SECONDS:-10}"

for tool in wrk nginx curl; do
  if ! command -v "$tool" >/dev/null; then
    echo "==> installing $tool"
    apt-get update -qq && apt-get install -y -qq "$( [ "$tool" = nginx ] && echo nginx-light || echo "$tool")"
  fi
done

echo "==> building the release"
# The same build as `make release` (component types erased: a smaller bundle).
RUSTFLAGS="--cfg erase_components" cargo leptos build --release --precompress --split >/dev/null 2>&1
BIN="$TARGET/release/cities4cities"
WORK=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; [ -f "$WORK/nginx.pid" ] && kill "$(cat "$WORK/nginx.pid")" 2>/dev/null; rm -rf "$WORK"' EXIT
export DATABASE_URL="sqlite://$WORK/bench.db" DEMO_CONTENT=1 LEPTOS_SITE_ROOT="$PWD/target/site" \
  LEPTOS_SITE_ADDR="127.0.0.1:$PORT" PUBLIC_URL="http://127.0.0.1:$PORT" RUST_LOG=warn

echo
echo "== Search (server side, in process, full data set) =="
"$BIN" bench-search

"$BIN" serve &
for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null && break; sleep 0.2; done

# The same bytes as static files for nginx: the pages as the app renders them (uncompressed;
# both sides are measured without compression).
mkdir -p "$WORK/www"
curl -sf -H 'Accept-Language: uk' "http://127.0.0.1:$PORT/c/hoshchanska" >"$WORK/www/community.html"
curl -sf -H 'Accept-Language: uk' "http://127.0.0.1:$PORT/communities" >"$WORK/www/catalogue.html"
cat >"$WORK/nginx.conf" <<CONF
worker_processes 2;
pid $WORK/nginx.pid;
error_log $WORK/nginx-error.log;
events { worker_connections 1024; }
http {
  access_log off;
  sendfile on;
  tcp_nodelay on;
  keepalive_requests 100000;
  client_body_temp_path $WORK/tmp; proxy_temp_path $WORK/tmp; fastcgi_temp_path $WORK/tmp;
  uwsgi_temp_path $WORK/tmp; scgi_temp_path $WORK/tmp;
  server { listen 127.0.0.1:$NGINX_PORT; root $WORK/www; default_type text/html; }
}
CONF
mkdir -p "$WORK/tmp"
nginx -c "$WORK/nginx.conf"

load() { # url -> "rps p99"
  wrk -t2 -c32 -d"${DURATION}s" --latency -H 'Accept-Language: uk' "$1" 2>/dev/null | awk '
    /Requests\/sec/ { rps = $2 }
    / 99%/ { v = $2; if (v ~ /us$/) { sub(/us/, "", v); v /= 1000 } else if (v ~ /ms$/) { sub(/ms/, "", v) } else if (v ~ /s$/) { sub(/s/, "", v); v *= 1000 }; p99 = v }
    END { printf "%.0f %.2f", rps, p99 }'
}
echo
echo "== Pages under 32 connections, ${DURATION}s each (2 cores shared by load and server) =="
printf "%-22s %12s %12s %14s %14s %8s\n" page "app req/s" "nginx req/s" "app p99 ms" "nginx p99 ms" "app/nginx"
for page in community:/c/hoshchanska catalogue:/communities; do
  name=${page%%:*}; path=${page#*:}
  read -r app_rps app_p99 <<<"$(load "http://127.0.0.1:$PORT$path")"
  read -r ngx_rps ngx_p99 <<<"$(load "http://127.0.0.1:$NGINX_PORT/$name.html")"
  ratio=$(awk -v a="$app_rps" -v n="$ngx_rps" 'BEGIN { printf "%.1f%%", 100 * a / n }')
  printf "%-22s %12s %12s %14s %14s %8s\n" "$name ($path)" "$app_rps" "$ngx_rps" "$app_p99" "$ngx_p99" "$ratio"
done

echo
echo "== First load of the catalogue in Chromium, compressed bytes as received =="
printf "%-8s %10s  %s\n" part bytes path
node scripts/first-load.mjs "http://127.0.0.1:$PORT/communities"
