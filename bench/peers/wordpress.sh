#!/usr/bin/env bash
# The WordPress baseline of the public-page benchmark (bench/wordpress.bench.ts): Debian's
# wordpress package behind nginx and php-fpm, on MariaDB, on loopback only.
#
#   bash bench/peers/wordpress.sh [setup]   install and configure (root; a no-op when done)
#   bash bench/peers/wordpress.sh start     start nginx and php-fpm (JIYUE_WP_CPUS=0: pinned with taskset)
#   bash bench/peers/wordpress.sh stop      stop what `start` started
#   bash bench/peers/wordpress.sh status    exit 0 when both run
#
# Once started:
#   http://127.0.0.1:18480/zwgk/tzgg/art_2026_11_26_1.html   every request rendered by PHP (uncached)
#   http://127.0.0.1:18481/zwgk/tzgg/art_2026_11_26_1.html   the same behind nginx fastcgi_cache
#
# Setup installs (apt-get, --no-install-recommends) nginx, php-fpm, php-mysql, php-cli, wordpress
# and its default theme; starts MariaDB when it does not answer on 127.0.0.1:3306 (root, no
# password); creates the database jiyue_wordpress and its user; installs WordPress without a
# browser (bench/peers/wordpress-install.php: Debian has no wp-cli) and loads the article the
# Jiyue benchmarks serve, plus copies (JIYUE_WP_ARTICLES, default 1000 in all). Package scripts
# are kept from starting services (policy-rc.d), so nothing listens beyond the two loopback
# ports, and only while started. Everything it writes is under /var/lib/jiyue-wordpress and
# /etc/wordpress/config-jiyue-bench.php.
set -euo pipefail

STATE=/var/lib/jiyue-wordpress
WP_CONFIG=/etc/wordpress/config-jiyue-bench.php
PORT=18480
CACHED_PORT=18481
DB=jiyue_wordpress
DB_USER=jiyue_wp
THEME=${JIYUE_WP_THEME:-twentytwentythree}
ARTICLES=${JIYUE_WP_ARTICLES:-1000}
PACKAGES=(nginx php-fpm php-mysql php-cli php wordpress "wordpress-theme-$THEME")
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)

say() { echo "wordpress: $*"; }
die() { echo "wordpress: $*" >&2; exit 2; }

fpm_bin() { find /usr/sbin -maxdepth 1 -name 'php-fpm*' | sort -V | tail -1; }

# Writes stdin to $1 (mode $2, group $3) when its content differs; says so.
write_file() {
  local target=$1 mode=$2 group=${3:-root} tmp
  tmp=$(mktemp)
  cat >"$tmp"
  if [ -f "$target" ] && cmp -s "$tmp" "$target"; then
    rm -f "$tmp"
  else
    install -m "$mode" -o root -g "$group" "$tmp" "$target"
    rm -f "$tmp"
    say "wrote $target"
  fi
}

secret() {
  local file="$STATE/$1"
  [ -s "$file" ] || (umask 077 && head -c 32 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' >"$file")
  cat "$file"
}

mariadb_up() { mariadb -h 127.0.0.1 -P 3306 -u root -e 'select 1' >/dev/null 2>&1; }

install_packages() {
  local missing=() p
  for p in "${PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  [ -x /usr/sbin/mariadbd ] || missing+=(mariadb-server)
  [ ${#missing[@]} -eq 0 ] && return 0
  say "apt-get install ${missing[*]}"
  # Keep the packages' own services (nginx on port 80, php-fpm, MariaDB) from starting.
  local guard=
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    guard=/usr/sbin/policy-rc.d
    printf '#!/bin/sh\nexit 101\n' >"$guard"
    chmod 755 "$guard"
  fi
  local rc=0
  {
    DEBIAN_FRONTEND=noninteractive apt-get update -qq &&
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
  } >"$STATE/log/apt.log" 2>&1 || rc=$?
  [ -n "$guard" ] && rm -f "$guard"
  [ $rc -eq 0 ] || die "apt-get failed ($rc), see $STATE/log/apt.log"
}

start_mariadb() {
  mariadb_up && return 0
  say "MariaDB does not answer on 127.0.0.1:3306: starting it"
  start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd
  for _ in $(seq 60); do mariadb_up && return 0; sleep 0.5; done
  die "MariaDB did not come up on 127.0.0.1:3306"
}

create_database() {
  local pw=$1
  if mariadb -h 127.0.0.1 -u "$DB_USER" -p"$pw" "$DB" -e 'select 1' >/dev/null 2>&1; then return 0; fi
  say "creating database $DB and user $DB_USER"
  mariadb -h 127.0.0.1 -u root <<SQL
create database if not exists $DB character set utf8mb4 collate utf8mb4_unicode_ci;
create user if not exists '$DB_USER'@'127.0.0.1' identified by '$pw';
create user if not exists '$DB_USER'@'localhost' identified by '$pw';
alter user '$DB_USER'@'127.0.0.1' identified by '$pw';
alter user '$DB_USER'@'localhost' identified by '$pw';
grant all privileges on $DB.* to '$DB_USER'@'127.0.0.1';
grant all privileges on $DB.* to '$DB_USER'@'localhost';
SQL
}

write_configs() {
  local pw=$1 salts='' k fpm
  fpm=$(fpm_bin)
  for k in AUTH_KEY SECURE_AUTH_KEY LOGGED_IN_KEY NONCE_KEY AUTH_SALT SECURE_AUTH_SALT LOGGED_IN_SALT NONCE_SALT; do
    salts+="define('$k', '$(secret "salt-$k")');"$'\n'
  done
  write_file "$WP_CONFIG" 640 www-data <<PHP
<?php
// Written by Jiyue's bench/peers/wordpress.sh: the WordPress baseline, on loopback only.
define('DB_NAME', '$DB');
define('DB_USER', '$DB_USER');
define('DB_PASSWORD', '$pw');
define('DB_HOST', '127.0.0.1');
define('DB_CHARSET', 'utf8mb4');
// Served on two ports (uncached and behind fastcgi_cache): links follow the one asked.
define('WP_HOME', 'http://' . (\$_SERVER['HTTP_HOST'] ?? '127.0.0.1:$PORT'));
define('WP_SITEURL', WP_HOME);
// No page view spawns wp-cron.php (production sites run it from the system's cron).
define('DISABLE_WP_CRON', true);
define('AUTOMATIC_UPDATER_DISABLED', true);
$salts
PHP

  # One pool, on a socket, as many workers as a small site is given; `start` pins them.
  write_file "$STATE/php-fpm.conf" 644 <<CONF
[global]
pid = $STATE/run/php-fpm.pid
error_log = $STATE/log/php-fpm.log
daemonize = yes

[jiyue-wordpress]
user = www-data
group = www-data
listen = $STATE/run/php-fpm.sock
listen.owner = www-data
listen.group = www-data
listen.mode = 0660
listen.backlog = 4096
pm = static
pm.max_children = 4
catch_workers_output = yes
php_admin_value[error_log] = $STATE/log/php-error.log
php_admin_flag[log_errors] = on
CONF

  # What both servers serve: WordPress's pretty permalinks through index.php.
  write_file "$STATE/wordpress-site.conf" 644 <<CONF
root /usr/share/wordpress;
index index.php;
location /wp-content/ { alias /var/lib/wordpress/wp-content/; }
location / { try_files \$uri \$uri/ /index.php?\$args; }
location ~ \.php\$ {
    try_files \$uri =404;
    include /etc/nginx/fastcgi_params;
    fastcgi_param SCRIPT_FILENAME \$document_root\$fastcgi_script_name;
    fastcgi_param WORDPRESS_CONFIG jiyue-bench;
    fastcgi_pass unix:$STATE/run/php-fpm.sock;
}
CONF

  # The cached server follows the usual WordPress recipe: cache anonymous GETs, bypass for
  # signed-in users and commenters, one request refills an expired entry.
  write_file "$STATE/nginx.conf" 644 <<CONF
user www-data;
worker_processes 1;
pid $STATE/run/nginx.pid;
error_log $STATE/log/nginx-error.log warn;
events { worker_connections 4096; }
http {
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log off;
    sendfile on;
    tcp_nopush on;
    keepalive_requests 100000;
    gzip on;
    gzip_vary on;
    gzip_types text/css application/javascript application/json image/svg+xml;
    client_body_temp_path $STATE/tmp/body;
    fastcgi_temp_path $STATE/tmp/fastcgi;
    proxy_temp_path $STATE/tmp/proxy;
    uwsgi_temp_path $STATE/tmp/uwsgi;
    scgi_temp_path $STATE/tmp/scgi;
    fastcgi_cache_path $STATE/cache levels=1:2 keys_zone=jiyue_wp:16m max_size=256m inactive=60m use_temp_path=off;
    map \$http_cookie \$jiyue_wp_no_cache {
        default 0;
        ~wordpress_logged_in 1;
        ~comment_author 1;
        ~wp-postpass 1;
    }
    server {
        listen 127.0.0.1:$PORT;
        server_name _;
        include $STATE/wordpress-site.conf;
    }
    server {
        listen 127.0.0.1:$CACHED_PORT;
        server_name _;
        fastcgi_cache jiyue_wp;
        fastcgi_cache_key "\$request_method\$host\$request_uri";
        fastcgi_cache_valid 200 301 302 10m;
        fastcgi_cache_bypass \$jiyue_wp_no_cache;
        fastcgi_no_cache \$jiyue_wp_no_cache;
        fastcgi_cache_lock on;
        fastcgi_cache_use_stale error timeout updating http_500 http_503;
        add_header X-Cache \$upstream_cache_status;
        include $STATE/wordpress-site.conf;
    }
}
CONF
  nginx -t -q -c "$STATE/nginx.conf" -p "$STATE" || die "nginx -t failed on $STATE/nginx.conf"
  "$fpm" -t -y "$STATE/php-fpm.conf" >/dev/null 2>&1 || die "$fpm -t failed on $STATE/php-fpm.conf"
}

load_site() {
  local json
  json=$(mktemp)
  (cd "$REPO" && node --import tsx bench/peers/wordpress-articles.ts "$ARTICLES") >"$json"
  php -d memory_limit=512M "$HERE/wordpress-install.php" "$json" "$STATE/admin-password" "$THEME" || { rm -f "$json"; die "WordPress install failed"; }
  rm -f "$json"
}

setup() {
  [ "$(id -u)" -eq 0 ] || die "needs root (apt-get, MariaDB root, /etc/wordpress)"
  install -d -m 755 "$STATE" "$STATE/log" "$STATE/run" "$STATE/tmp"
  install -d -m 700 -o www-data -g www-data "$STATE/cache"
  install_packages
  start_mariadb
  local pw
  pw=$(secret db-password)
  secret admin-password >/dev/null
  create_database "$pw"
  write_configs "$pw"
  load_site
}

pid_alive() { [ -s "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }
running() { pid_alive "$STATE/run/nginx.pid" && pid_alive "$STATE/run/php-fpm.pid"; }

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

start() {
  [ -f "$STATE/nginx.conf" ] && [ -f "$WP_CONFIG" ] || die "not set up: run bash $0 setup"
  if running; then say "already running"; return 0; fi
  stop >/dev/null
  start_mariadb
  local pin=()
  [ -n "${JIYUE_WP_CPUS:-}" ] && pin=(taskset -c "$JIYUE_WP_CPUS")
  "${pin[@]}" "$(fpm_bin)" -y "$STATE/php-fpm.conf"
  "${pin[@]}" nginx -c "$STATE/nginx.conf" -p "$STATE"
  for _ in $(seq 100); do
    if port_open "$PORT" && port_open "$CACHED_PORT" && [ -S "$STATE/run/php-fpm.sock" ]; then
      say "running on 127.0.0.1:$PORT (uncached) and 127.0.0.1:$CACHED_PORT (fastcgi_cache)${JIYUE_WP_CPUS:+, pinned to CPU $JIYUE_WP_CPUS}"
      return 0
    fi
    sleep 0.1
  done
  stop
  die "nginx or php-fpm did not come up; see $STATE/log"
}

stop_one() {
  local pidfile=$1 pid
  pid_alive "$pidfile" || { rm -f "$pidfile"; return 0; }
  pid=$(cat "$pidfile")
  kill -QUIT "$pid"
  for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  kill -0 "$pid" 2>/dev/null && kill -KILL "$pid"
  rm -f "$pidfile"
}

stop() {
  stop_one "$STATE/run/nginx.pid"
  stop_one "$STATE/run/php-fpm.pid"
  # A fresh cache for every start: the first cached request is always a miss.
  find "$STATE/cache" -mindepth 1 -delete 2>/dev/null || true
  say "stopped"
}

case "${1:-setup}" in
  setup) setup ;;
  start) start ;;
  stop) stop ;;
  status) if running; then say "running"; else say "not running"; exit 3; fi ;;
  *) die "usage: $0 [setup|start|stop|status]" ;;
esac
