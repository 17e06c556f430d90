#!/usr/bin/env bash
# Local infrastructure for Switchyard's tests and local pipeline, on one machine,
# as root, without systemd:
#   Docker engine + single-node Swarm, registry :5000 (no auth), registry :5001
#   (htpasswd), MariaDB :3306, sshd :2222 (key only, pinned known_hosts),
#   nginx + HAProxy binaries for the traffic front, Prometheus :9390, Node 24, and locally built
#   base images (nothing can be pulled here).
#
#   scripts/infra.sh up       start what is not running (idempotent)
#   scripts/infra.sh down     stop everything this script started
#   scripts/infra.sh status   one line per component
#   scripts/infra.sh env      print the coordinates as shell exports
#   scripts/infra.sh proxy …  a HAProxy front proxy for blue/green (see proxy_up below)
#
# State lives in $SWITCHYARD_INFRA_DIR (default: <repo>/.local/infra).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
DIR=${SWITCHYARD_INFRA_DIR:-$ROOT/.local/infra}
NODE24_VERSION=24.21.0
REGISTRY=127.0.0.1:5000
AUTH_REGISTRY=127.0.0.1:5001
AUTH_USER=switchyard
AUTH_PASSWORD=switchyard-registry-pw
DB_USER=switchyard
DB_PASSWORD=switchyard-db-pw
SSH_PORT=2222
BASE_NODE_IMAGE=switchyard/node-runtime:24
BASE_BUSYBOX_IMAGE=switchyard/busybox:1

log() { printf '[infra] %s\n' "$*" >&2; }
die() { printf '[infra] error: %s\n' "$*" >&2; exit 1; }

# wait_until <seconds> <what> <command...>: polls every 0.1–1 s until the command succeeds.
wait_until() {
  local limit=$1 what=$2; shift 2
  local start=$SECONDS delay=0.1
  until "$@" >/dev/null 2>&1; do
    if (( SECONDS - start >= limit )); then die "$what not ready after ${limit}s"; fi
    sleep "$delay"
    delay=$(awk -v d="$delay" 'BEGIN { d *= 1.5; if (d > 1) d = 1; print d }')
  done
}

pid_alive() { [[ -f $1 ]] && kill -0 "$(cat "$1")" 2>/dev/null; }

stop_pidfile() {
  local f=$1 name=$2
  if pid_alive "$f"; then
    local pid; pid=$(cat "$f")
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
    log "stopped $name"
  fi
  rm -f "$f"
}

ensure_packages() {
  local missing=()
  command -v dockerd >/dev/null || missing+=(docker.io)
  command -v docker-registry >/dev/null || missing+=(docker-registry)
  command -v mariadbd >/dev/null || missing+=(mariadb-server)
  command -v nginx >/dev/null || missing+=(nginx)
  command -v haproxy >/dev/null || missing+=(haproxy)
  [[ -x /usr/sbin/sshd ]] || missing+=(openssh-server)
  command -v wrk >/dev/null || missing+=(wrk)
  command -v htpasswd >/dev/null || missing+=(apache2-utils)
  [[ -x /bin/busybox ]] || missing+=(busybox-static)
  command -v jq >/dev/null || missing+=(jq)
  # The multi-host lab's Ansible test (scripts/lab.sh, workflows-examples/infra/ansible).
  command -v ansible-playbook >/dev/null || missing+=(ansible)
  /usr/bin/python3 -c 'import docker' 2>/dev/null || missing+=(python3-docker)
  /usr/bin/python3 -c 'import apt' 2>/dev/null || missing+=(python3-apt)
  /usr/bin/python3 -c 'import aiosmtpd' 2>/dev/null || missing+=(python3-aiosmtpd)
  command -v openssl >/dev/null || missing+=(openssl)
  command -v prometheus >/dev/null || missing+=(prometheus)
  command -v curl >/dev/null || missing+=(curl)
  command -v ssh-keygen >/dev/null || missing+=(openssh-client)
  (( ${#missing[@]} == 0 )) && return 0
  [[ $(id -u) == 0 ]] || die "missing packages (${missing[*]}); run as root or install them"
  log "installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  # Packages must not start their daemons with their default configuration (MariaDB
  # bound to 127.0.0.1 only, say): this script starts each one itself. Machines of
  # this kind already deny it with policy-rc.d; make sure of it elsewhere too.
  local guard=""
  if [[ ! -e /usr/sbin/policy-rc.d ]]; then
    printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d && chmod 755 /usr/sbin/policy-rc.d && guard=yes
  fi
  local rc=0
  { apt-get update -qq && apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null; } || rc=$?
  [[ -n $guard ]] && rm -f /usr/sbin/policy-rc.d
  (( rc == 0 )) || die "apt-get failed (exit $rc) installing ${missing[*]}"
}

ensure_node24() {
  local bin=$DIR/node24/node_modules/node/bin/node
  if [[ ! -x $bin ]] || [[ $("$bin" -v 2>/dev/null) != v$NODE24_VERSION ]]; then
    log "installing node $NODE24_VERSION (npm package node@$NODE24_VERSION)"
    mkdir -p "$DIR/node24"
    npm install --silent --no-audit --no-fund --prefix "$DIR/node24" "node@$NODE24_VERSION" >/dev/null
  fi
  "$bin" -v >/dev/null || die "node 24 did not install"
}
node24_bin() { echo "$DIR/node24/node_modules/node/bin/node"; }

start_docker() {
  if ! docker info >/dev/null 2>&1; then
    log "starting dockerd"
    setsid dockerd --pidfile "$DIR/dockerd.pid" >"$DIR/dockerd.log" 2>&1 </dev/null &
    wait_until 30 dockerd docker info
  fi
  if [[ $(docker info --format '{{.Swarm.LocalNodeState}}') != active ]]; then
    log "initialising single-node swarm"
    docker swarm init --advertise-addr 127.0.0.1 >/dev/null
  fi
}

start_registry() {
  local name=$1 port=$2 auth=$3 cfg="$DIR/registry-$1.yml"
  mkdir -p "$DIR/registry-$name"
  {
    echo "version: 0.1"
    echo "log: { level: warn }"
    echo "storage:"
    echo "  filesystem: { rootdirectory: $DIR/registry-$name }"
    echo "  delete: { enabled: true }"
    echo "http: { addr: 127.0.0.1:$port }"
    if [[ $auth == yes ]]; then
      echo "auth:"
      echo "  htpasswd: { realm: switchyard, path: $DIR/registry.htpasswd }"
    fi
  } >"$cfg"
  [[ $auth == yes ]] && htpasswd -Bbn "$AUTH_USER" "$AUTH_PASSWORD" >"$DIR/registry.htpasswd"
  if ! pid_alive "$DIR/registry-$name.pid"; then
    log "starting registry $name on 127.0.0.1:$port"
    start-stop-daemon --start --background --make-pidfile --pidfile "$DIR/registry-$name.pid" \
      --output "$DIR/registry-$name.log" --exec /usr/bin/docker-registry -- serve "$cfg"
  fi
  wait_until 20 "registry :$port" bash -c "curl -s -o /dev/null -w '%{http_code}' http://127.0.0.1:$port/v2/ | grep -qE '200|401'"
}

start_mariadb() {
  install -d -o mysql -g mysql -m 755 /run/mysqld
  if ! mariadb-admin -uroot ping >/dev/null 2>&1; then
    log "starting mariadb on 0.0.0.0:3306"
    start-stop-daemon --start --oknodo --background --make-pidfile --pidfile "$DIR/mariadb.pid" \
      --output "$DIR/mariadb.log" --exec /usr/sbin/mariadbd -- --user=mysql --bind-address=0.0.0.0 --port=3306 \
      --max-connections=500
    wait_until 30 mariadb mariadb-admin -uroot ping
  fi
  mariadb -uroot <<SQL
CREATE USER IF NOT EXISTS '$DB_USER'@'localhost' IDENTIFIED BY '$DB_PASSWORD';
CREATE USER IF NOT EXISTS '$DB_USER'@'%' IDENTIFIED BY '$DB_PASSWORD';
GRANT ALL PRIVILEGES ON *.* TO '$DB_USER'@'localhost' WITH GRANT OPTION;
GRANT ALL PRIVILEGES ON *.* TO '$DB_USER'@'%' WITH GRANT OPTION;
FLUSH PRIVILEGES;
SQL
}

start_sshd() {
  local d=$DIR/ssh
  mkdir -p "$d" && chmod 700 "$d"
  [[ -f $d/host_ed25519 ]] || ssh-keygen -q -t ed25519 -N '' -C switchyard-host -f "$d/host_ed25519"
  [[ -f $d/client_ed25519 ]] || ssh-keygen -q -t ed25519 -N '' -C switchyard-client -f "$d/client_ed25519"
  [[ -f $d/other_host_ed25519 ]] || ssh-keygen -q -t ed25519 -N '' -C other-host -f "$d/other_host_ed25519"
  cp "$d/client_ed25519.pub" "$d/authorized_keys" && chmod 600 "$d/authorized_keys"
  echo "[127.0.0.1]:$SSH_PORT $(cut -d' ' -f1,2 "$d/host_ed25519.pub")" >"$d/known_hosts"
  # A known_hosts that pins a different key, for "wrong host key" tests.
  echo "[127.0.0.1]:$SSH_PORT $(cut -d' ' -f1,2 "$d/other_host_ed25519.pub")" >"$d/wrong_known_hosts"
  cat >"$d/sshd_config" <<CFG
Port $SSH_PORT
ListenAddress 127.0.0.1
HostKey $d/host_ed25519
PidFile $DIR/sshd.pid
PermitRootLogin prohibit-password
PasswordAuthentication no
KbdInteractiveAuthentication no
UsePAM no
StrictModes no
AuthorizedKeysFile $d/authorized_keys
MaxStartups 50:30:100
MaxSessions 50
CFG
  mkdir -p /run/sshd
  if ! pid_alive "$DIR/sshd.pid"; then
    log "starting sshd on 127.0.0.1:$SSH_PORT"
    /usr/sbin/sshd -f "$d/sshd_config" -E "$DIR/sshd.log"
  fi
  wait_until 10 sshd bash -c "exec 3<>/dev/tcp/127.0.0.1/$SSH_PORT"
}

build_base_images() {
  local node; node=$(node24_bin)
  if ! docker image inspect "$BASE_NODE_IMAGE" >/dev/null 2>&1; then
    log "building $BASE_NODE_IMAGE from $("$node" -v) (no pull)"
    local root; root=$(mktemp -d)
    mkdir -p "$root/usr/bin" "$root/tmp" "$root/etc" && chmod 1777 "$root/tmp"
    cp "$node" "$root/usr/bin/node"
    ldd "$node" | grep -o '/[^ ]*' | while read -r lib; do
      mkdir -p "$root$(dirname "$lib")" && cp -L "$lib" "$root$lib"
    done
    printf 'root:x:0:0:root:/root:/bin/sh\nnode:x:1000:1000:node:/home/node:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/sh\n' >"$root/etc/passwd"
    printf 'root:x:0:\nnode:x:1000:\nnogroup:x:65534:\n' >"$root/etc/group"
    mkdir -p "$root/home/node" && chown 1000:1000 "$root/home/node"
    cp /bin/busybox "$root/usr/bin/busybox"
    for tool in sh wget cat ls; do ln -s busybox "$root/usr/bin/$tool"; done
    mkdir -p "$root/bin" && ln -s /usr/bin/busybox "$root/bin/sh"
    tar -C "$root" -c . | docker import -c 'ENTRYPOINT ["/usr/bin/node"]' -c 'ENV PATH=/usr/bin:/bin' - "$BASE_NODE_IMAGE" >/dev/null
    rm -rf "$root"
  fi
  if ! docker image inspect "$BASE_BUSYBOX_IMAGE" >/dev/null 2>&1; then
    log "building $BASE_BUSYBOX_IMAGE (no pull)"
    local root; root=$(mktemp -d)
    mkdir -p "$root/bin" "$root/tmp" "$root/www" && chmod 1777 "$root/tmp"
    cp /bin/busybox "$root/bin/busybox"
    for tool in sh httpd wget cat echo sleep ls true false env; do ln -s busybox "$root/bin/$tool"; done
    tar -C "$root" -c . | docker import -c 'ENV PATH=/bin' -c 'CMD ["/bin/sh"]' - "$BASE_BUSYBOX_IMAGE" >/dev/null
    rm -rf "$root"
  fi
}

write_env() {
  cat >"$DIR/env.json" <<JSON
{
  "dir": "$DIR",
  "registry": "$REGISTRY",
  "authRegistry": "$AUTH_REGISTRY",
  "authUser": "$AUTH_USER",
  "authPassword": "$AUTH_PASSWORD",
  "mysql": { "host": "127.0.0.1", "port": 3306, "user": "$DB_USER", "password": "$DB_PASSWORD", "containerHost": "172.17.0.1" },
  "ssh": { "host": "127.0.0.1", "port": $SSH_PORT, "user": "root", "privateKey": "$DIR/ssh/client_ed25519", "knownHosts": "$DIR/ssh/known_hosts", "wrongKnownHosts": "$DIR/ssh/wrong_known_hosts" },
  "images": { "node": "$BASE_NODE_IMAGE", "busybox": "$BASE_BUSYBOX_IMAGE" },
  "node24": "$(node24_bin)"
}
JSON
}

# ---- SMTP (notify) -----------------------------------------------------------
# aiosmtpd from Debian (scripts/smtp-server.py): STARTTLS on 127.0.0.1:$SMTP_STARTTLS_PORT,
# implicit TLS on 127.0.0.1:$SMTP_TLS_PORT, AUTH required for $SMTP_USER. The self-signed
# certificate (CN localhost, SAN 127.0.0.1) is made when the server starts; delivered
# messages land in $DIR/smtp/maildir as JSON. Coordinates: $DIR/smtp/env.json.
SMTP_STARTTLS_PORT=2587
SMTP_TLS_PORT=2465
SMTP_USER=switchyard-notify
SMTP_PASSWORD=switchyard-smtp-pw

smtp_up() {
  local d=$DIR/smtp
  mkdir -p "$d/maildir" && chmod 700 "$d"
  printf '%s\n' "$SMTP_PASSWORD" >"$d/password" && chmod 600 "$d/password"
  if ! pid_alive "$d/smtp.pid"; then
    openssl req -x509 -newkey rsa:2048 -nodes -days 30 -subj /CN=localhost \
      -addext 'subjectAltName=DNS:localhost,IP:127.0.0.1' -keyout "$d/key.pem" -out "$d/cert.pem" >/dev/null 2>&1 \
      || die "openssl could not make the SMTP certificate"
    log "starting smtp on 127.0.0.1:$SMTP_STARTTLS_PORT (STARTTLS) and :$SMTP_TLS_PORT (TLS)"
    start-stop-daemon --start --background --make-pidfile --pidfile "$d/smtp.pid" --output "$d/smtp.log" \
      --exec /usr/bin/python3 -- "$ROOT/scripts/smtp-server.py" 127.0.0.1 "$SMTP_STARTTLS_PORT" "$SMTP_TLS_PORT" \
      "$d/cert.pem" "$d/key.pem" "$SMTP_USER" "$d/password" "$d/maildir"
  fi
  wait_until 15 "smtp (log: $d/smtp.log)" bash -c "exec 3<>/dev/tcp/127.0.0.1/$SMTP_STARTTLS_PORT && exec 4<>/dev/tcp/127.0.0.1/$SMTP_TLS_PORT"
  cat >"$d/env.json" <<JSON
{ "host": "127.0.0.1", "starttlsPort": $SMTP_STARTTLS_PORT, "tlsPort": $SMTP_TLS_PORT, "user": "$SMTP_USER", "password": "$SMTP_PASSWORD", "caFile": "$d/cert.pem", "maildir": "$d/maildir" }
JSON
}
smtp_down() { stop_pidfile "$DIR/smtp/smtp.pid" smtp; }
smtp_status() { if pid_alive "$DIR/smtp/smtp.pid"; then line smtp "up :$SMTP_STARTTLS_PORT :$SMTP_TLS_PORT"; else line smtp down; return 1; fi; }

# ---- Prometheus (switch-traffic's analysis) ---------------------------------
# Debian's prometheus with our own config and data directory (never the package's):
# 127.0.0.1:$PROM_PORT, scraping every second whatever target files lie in
# $DIR/prometheus/targets: haproxy-*.json (a front's exporter: `proxy up … METRICS-PORT`
# writes one) and services-*.json (the sample services' /metrics), in Prometheus's
# file_sd format, picked up as they change. Coordinates: $DIR/prometheus/env.json.
PROM_PORT=9390

prometheus_up() {
  local d=$DIR/prometheus
  mkdir -p "$d/data" "$d/targets"
  cat >"$d/prometheus.yml.tmp" <<YML
global:
  scrape_interval: 1s
  scrape_timeout: 1s
  evaluation_interval: 1s
scrape_configs:
  - job_name: haproxy
    file_sd_configs: [{ files: ["$d/targets/haproxy-*.json"] }]
  - job_name: services
    file_sd_configs: [{ files: ["$d/targets/services-*.json"] }]
YML
  if pid_alive "$d/prometheus.pid" && ! cmp -s "$d/prometheus.yml.tmp" "$d/prometheus.yml"; then stop_pidfile "$d/prometheus.pid" prometheus; fi
  mv "$d/prometheus.yml.tmp" "$d/prometheus.yml"
  if ! pid_alive "$d/prometheus.pid"; then
    promtool check config "$d/prometheus.yml" >/dev/null || die "invalid Prometheus config $d/prometheus.yml"
    log "starting prometheus on 127.0.0.1:$PROM_PORT (data $d/data)"
    start-stop-daemon --start --background --make-pidfile --pidfile "$d/prometheus.pid" --output "$d/prometheus.log" \
      --exec /usr/bin/prometheus -- --config.file="$d/prometheus.yml" --storage.tsdb.path="$d/data" \
      --storage.tsdb.retention.time=2d --web.listen-address="127.0.0.1:$PROM_PORT"
  fi
  wait_until 30 "prometheus (log: $d/prometheus.log)" curl -sf "http://127.0.0.1:$PROM_PORT/-/ready"
  cat >"$d/env.json" <<JSON
{ "url": "http://127.0.0.1:$PROM_PORT", "targets": "$d/targets" }
JSON
}
prometheus_down() { stop_pidfile "$DIR/prometheus/prometheus.pid" prometheus; }
prometheus_status() { if pid_alive "$DIR/prometheus/prometheus.pid"; then line prometheus "up :$PROM_PORT"; else line prometheus down; return 1; fi; }

cmd_up() {
  mkdir -p "$DIR"
  local t0=$SECONDS
  ensure_packages
  ensure_node24
  start_docker
  start_registry open 5000 no
  start_registry auth 5001 yes
  start_mariadb
  start_sshd
  smtp_up
  prometheus_up
  build_base_images
  write_env
  log "up in $((SECONDS - t0))s (state in $DIR)"
}

cmd_down() {
  if docker info >/dev/null 2>&1; then
    local stacks; stacks=$(docker stack ls --format '{{.Name}}' 2>/dev/null || true)
    for s in $stacks; do docker stack rm "$s" >/dev/null 2>&1 || true; done
  fi
  stop_pidfile "$DIR/sshd.pid" sshd
  smtp_down
  prometheus_down
  stop_pidfile "$DIR/mariadb.pid" mariadb
  stop_pidfile "$DIR/registry-open.pid" "registry :5000"
  stop_pidfile "$DIR/registry-auth.pid" "registry :5001"
  for f in "$DIR"/proxy-*.pid; do [[ -e $f ]] && stop_pidfile "$f" "$(basename "$f" .pid)"; done
  stop_pidfile "$DIR/dockerd.pid" dockerd
  return 0
}

cmd_status() {
  local ok=0
  line() { printf '%-10s %s\n' "$1" "$2"; }
  if docker info >/dev/null 2>&1; then line docker "up (swarm: $(docker info --format '{{.Swarm.LocalNodeState}}'))"; else line docker down; ok=1; fi
  for r in open:5000 auth:5001; do
    if curl -s -o /dev/null "http://127.0.0.1:${r#*:}/v2/"; then line "registry" "up :${r#*:}"; else line registry "down :${r#*:}"; ok=1; fi
  done
  if mariadb-admin -uroot ping >/dev/null 2>&1; then line mariadb "up :3306"; else line mariadb down; ok=1; fi
  if (exec 3<>/dev/tcp/127.0.0.1/$SSH_PORT) 2>/dev/null; then line sshd "up :$SSH_PORT"; else line sshd down; ok=1; fi
  smtp_status || ok=1
  prometheus_status || ok=1
  return $ok
}

# ---- front proxy (HAProxy) for blue/green switching -------------------------
# scripts/infra.sh proxy up NAME PORT ADMIN-PORT BLUE-ADDR GREEN-ADDR [METRICS-PORT]
# scripts/infra.sh proxy down NAME
# scripts/infra.sh proxy status NAME
# One HAProxy per NAME: frontend 127.0.0.1:PORT → backend `app` with servers
# `blue` (weight 100) and `green` (weight 0). Runtime API (level admin) on
# ipv4@127.0.0.1:ADMIN-PORT and on the unix socket $DIR/proxy-NAME.sock; the
# switch-traffic action changes weights there without a reload and writes
# $DIR/proxy-NAME.state, which HAProxy loads at start (server-state-file), so
# weights survive a restart. Pid file $DIR/proxy-NAME.pid (`down` stops it too).
# With METRICS-PORT, the built-in Prometheus exporter answers on 127.0.0.1:METRICS-PORT/metrics
# and the infra's Prometheus scrapes it and the two colours' own /metrics (label front=NAME).
# A colour on several hosts (e.g. a Swarm service's host-mode port on each node):
# BLUE-ADDR/GREEN-ADDR as a comma list `h1:p,h2:p,h3:p`. Server `blue`/`green` then
# points at that colour's pool (`listen blue`/`listen green`, on an abstract socket),
# which balances over the hosts with layer-4 checks; a request a dead host refuses or
# drops is retried on another host. switch-traffic still sees exactly `app/blue` and
# `app/green`. One address keeps the configuration as it was.
proxy_valid_name() { [[ $1 =~ ^[A-Za-z0-9_-]+$ ]] || die "proxy name '$1' must be letters, digits, - or _"; }
proxy_valid_port() { [[ $1 =~ ^[0-9]+$ ]] && (( $1 > 0 && $1 < 65536 )) || die "'$1' is not a port"; }
proxy_valid_addr() { [[ $1 =~ ^[A-Za-z0-9.-]+:[0-9]+$ ]] || die "'$1' is not host:port"; }
proxy_valid_addrs() { local a; IFS=, read -ra a <<<"$1"; (( ${#a[@]} > 0 )) || die "'$1' is not host:port[,host:port…]"; for x in "${a[@]}"; do proxy_valid_addr "$x"; done; }
# proxy_server NAME COLOUR ADDRS WEIGHT: the colour's line in `backend app` (its pool's socket when ADDRS is a list).
proxy_server() {
  if [[ $3 == *,* ]]; then printf '  server %s abns@switchyard-proxy-%s-%s weight %s\n' "$2" "$1" "$2" "$4"; else printf '  server %s %s weight %s\n' "$2" "$3" "$4"; fi
}
# proxy_pool NAME COLOUR ADDRS: the colour's pool over its hosts (nothing for one address).
proxy_pool() {
  [[ $3 == *,* ]] || return 0
  local a i=0; IFS=, read -ra a <<<"$3"
  printf '\nlisten %s\n  bind abns@switchyard-proxy-%s-%s\n  balance roundrobin\n' "$2" "$1" "$2"
  # A hung host must not hold a request past the load's patience: retried elsewhere after 3 s.
  printf '  timeout server 3s\n  retries 3\n  default-server check inter 500ms fall 2 rise 2\n'
  for x in "${a[@]}"; do i=$((i + 1)); printf '  server host%s %s\n' "$i" "$x"; done
}

proxy_up() {
  (( $# == 5 || $# == 6 )) || die "usage: $0 proxy up NAME PORT ADMIN-PORT BLUE-ADDR GREEN-ADDR [METRICS-PORT]"
  local name=$1 port=$2 admin=$3 blue=$4 green=$5 metrics=${6:-}
  proxy_valid_name "$name"; proxy_valid_port "$port"; proxy_valid_port "$admin"
  [[ -z $metrics ]] || proxy_valid_port "$metrics"
  proxy_valid_addrs "$blue"; proxy_valid_addrs "$green"
  mkdir -p "$DIR"
  local cfg=$DIR/proxy-$name.cfg pid=$DIR/proxy-$name.pid
  cat >"$cfg.tmp" <<CFG
global
  maxconn 4096
  stats socket ipv4@127.0.0.1:$admin level admin
  stats socket $DIR/proxy-$name.sock mode 600 level admin
  stats timeout 10s
  server-state-file $DIR/proxy-$name.state

defaults
  mode http
  load-server-state-from-file global
  timeout connect 2s
  timeout client 30s
  timeout server 30s
  timeout http-keep-alive 30s
  retries 2
  option redispatch
  retry-on conn-failure empty-response response-timeout

frontend fe
  bind 127.0.0.1:$port
  default_backend app

backend app
  balance roundrobin
$(proxy_server "$name" blue "$blue" 100)
$(proxy_server "$name" green "$green" 0)
CFG
  { proxy_pool "$name" blue "$blue"; proxy_pool "$name" green "$green"; } >>"$cfg.tmp"
  # Optional: HAProxy's built-in Prometheus exporter, scraped by the infra's Prometheus.
  if [[ -n $metrics ]]; then
    printf '\nfrontend metrics\n  bind 127.0.0.1:%s\n  http-request use-service prometheus-exporter if { path /metrics }\n' "$metrics" >>"$cfg.tmp"
    mkdir -p "$DIR/prometheus/targets"
    printf '[{"targets":["127.0.0.1:%s"],"labels":{"front":"%s"}}]\n' "$metrics" "$name" >"$DIR/prometheus/targets/haproxy-$name.json"
    # The colours behind the front: their own /metrics (the sample services' RED metrics).
    printf '[{"targets":["%s"],"labels":{"front":"%s"}}]\n' "$(printf '%s,%s' "$blue" "$green" | sed 's/,/","/g')" "$name" >"$DIR/prometheus/targets/services-$name.json"
  fi
  if pid_alive "$pid"; then
    if cmp -s "$cfg.tmp" "$cfg"; then rm -f "$cfg.tmp"; log "proxy $name already running (pid $(cat "$pid"))"; return 0; fi
    rm -f "$cfg.tmp"
    die "proxy $name is running with another configuration ($cfg): run '$0 proxy down $name' first"
  fi
  mv "$cfg.tmp" "$cfg"
  haproxy -c -q -f "$cfg" || die "invalid HAProxy config $cfg"
  log "starting proxy $name on 127.0.0.1:$port (admin 127.0.0.1:$admin; blue $blue, green $green)"
  # Start-up notices (e.g. no state file yet on a first start) go to the log.
  haproxy -D -p "$pid" -f "$cfg" >>"$DIR/proxy-$name.log" 2>&1 || die "proxy $name did not start: see $DIR/proxy-$name.log"
  wait_until 10 "proxy $name (log: $DIR/proxy-$name.log)" bash -c "exec 3<>/dev/tcp/127.0.0.1/$port"
}

proxy_down() {
  (( $# == 1 )) || die "usage: $0 proxy down NAME"
  proxy_valid_name "$1"
  stop_pidfile "$DIR/proxy-$1.pid" "proxy $1"
  rm -f "$DIR/proxy-$1.sock" "$DIR/prometheus/targets/haproxy-$1.json" "$DIR/prometheus/targets/services-$1.json"
}

proxy_status() {
  (( $# == 1 )) || die "usage: $0 proxy status NAME"
  proxy_valid_name "$1"
  if pid_alive "$DIR/proxy-$1.pid"; then echo "proxy $1 up (pid $(cat "$DIR/proxy-$1.pid"))"; else echo "proxy $1 down"; return 1; fi
}

cmd_proxy() {
  local sub=${1:-}; shift || true
  case $sub in
    up) proxy_up "$@" ;;
    down) proxy_down "$@" ;;
    status) proxy_status "$@" ;;
    *) die "usage: $0 proxy up NAME PORT ADMIN-PORT BLUE-ADDR GREEN-ADDR [METRICS-PORT] | proxy down NAME | proxy status NAME" ;;
  esac
}

case ${1:-} in
  up) cmd_up ;;
  down) cmd_down ;;
  status) cmd_status ;;
  env) cat "$DIR/env.json" ;;
  proxy) shift; cmd_proxy "$@" ;;
  *) echo "usage: $0 up|down|status|env|proxy" >&2; exit 2 ;;
esac
