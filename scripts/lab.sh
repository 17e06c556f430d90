#!/usr/bin/env bash
# A multi-host Swarm lab on one machine, as root: every "host" is a network
# namespace with its own mount and UTS namespaces, its own dockerd (+ its own
# containerd), its own sshd (key only, pinned host keys) and its own /etc,
# /root, /home, /run, /var/log and /var/lib/docker, so Ansible and
# `DOCKER_HOST=ssh://` see a separate machine. The hosts share one Linux
# bridge with no route out; an open registry (:5000) and an htpasswd registry
# (:5001) listen on the bridge address. Nothing is pulled: base images come
# from the host's docker with `docker save | docker load`.
#
#   scripts/lab.sh up [--lab K] [--managers M] [--workers W] [--no-swarm]   (env SWITCHYARD_LAB_HEARTBEAT, default 2s)
#                       start the hosts (default 1 manager + 2 workers) and form the
#                       swarm (--no-swarm: daemons only, e.g. for Ansible to form it)
#   scripts/lab.sh down [--lab K]     stop and remove everything the lab made
#   scripts/lab.sh status [--lab K]   one line per host; exit 1 when something is down
#   scripts/lab.sh env [--lab K]      the coordinates (JSON), also in <state>/env.json
#   scripts/lab.sh push [--lab K] IMAGE [REPO[:TAG]]
#                       copy a host image into the lab's open registry (no pull)
#   scripts/lab.sh kill|start [--lab K] HOST     SIGKILL / start that host's dockerd
#   scripts/lab.sh link [--lab K] HOST up|down   that host's network link
#   scripts/lab.sh exec [--lab K] HOST CMD...    run a command inside that host
#
# Lab K (0–9; default 0, or $SWITCHYARD_LAB) uses bridge syl<K>, subnet
# 198.18.<100+K>.0/24 (the RFC 2544 benchmarking range, which nothing here
# uses; host i is .i, the bridge .254), namespaces syl<K>-<host>, and state in
# <repo>/.local/lab/<K>. The host's docker daemon, its swarm and its firewall
# policy are never touched: the lab only inserts (and on `down` deletes) one
# FORWARD rule that lets frames cross its own bridge.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
SELF=$ROOT/scripts/lab.sh
BASE_BUSYBOX_IMAGE=switchyard/busybox:1
AUTH_USER=switchyard
AUTH_PASSWORD=switchyard-lab-pw
CGROUPS=(cpu cpuacct cpuset memory devices freezer blkio pids)
# Swarm's dispatcher heartbeat: a lost node is marked down after about 3 of them. Docker's
# default is 5s; 2s keeps the node-fault tests short (SWITCHYARD_LAB_HEARTBEAT=5s for the default).
HEARTBEAT=${SWITCHYARD_LAB_HEARTBEAT:-2s}

log() { printf '[lab%s] %s\n' "${LAB-}" "$*" >&2; }
die() { printf '[lab%s] error: %s\n' "${LAB-}" "$*" >&2; exit 1; }

# wait_until <seconds> <what> <command...>: polls every 0.05–0.5 s until the command succeeds.
wait_until() {
  local limit=$1 what=$2; shift 2
  local start=$SECONDS delay=0.05
  until "$@" >/dev/null 2>&1; do
    if (( SECONDS - start >= limit )); then die "$what not ready after ${limit}s"; fi
    sleep "$delay"
    delay=$(awk -v d="$delay" 'BEGIN { d *= 1.5; if (d > 0.5) d = 0.5; print d }')
  done
}

set_lab() {
  LAB=$1
  [[ $LAB =~ ^[0-9]$ ]] || die "--lab must be a digit 0-9, got '$LAB'"
  BR=syl$LAB
  NET=198.18.$((100 + LAB))
  GW=$NET.254
  L=$ROOT/.local/lab/$LAB
}

host_names() { [[ -f $L/hosts ]] && cut -d' ' -f1 "$L/hosts"; return 0; }
host_field() { awk -v h="$1" -v f="$2" '$1 == h { print $f }' "$L/hosts"; }
ns_of() { echo "$BR-$1"; }
sock_of() { echo "unix://$L/$1/run/docker.sock"; }
ndocker() { local h=$1; shift; docker -H "$(sock_of "$h")" "$@"; }
# The pid that holds a host's mount and UTS namespaces (its sshd).
anchor_pid() { cat "$L/$1/run/sshd.pid" 2>/dev/null; }
in_host() {
  local h=$1; shift
  local pid; pid=$(anchor_pid "$h") || die "host $h is not running"
  nsenter -t "$pid" -m -u -n -- "$@"
}

# The host's /etc/init.d/docker (what `service docker restart`, and so Ansible, runs in
# a host). Debian's own script does `ulimit -n 1048576`, which fails on machines whose
# root lacks CAP_SYS_RESOURCE (this kind): the same start/stop without that line.
write_init_script() {
  cat <<SCRIPT
#!/bin/sh
# switchyard lab host: dockerd under start-stop-daemon (Debian's init script without its ulimit calls)
PIDFILE=/var/run/docker-ssd.pid
case "\$1" in
  start)
    start-stop-daemon --status --pidfile \$PIDFILE && exit 0
    start-stop-daemon --start --background --no-close --exec /usr/sbin/dockerd --pidfile \$PIDFILE --make-pidfile \\
      -- -p /var/run/docker.pid $1 >>/var/log/docker.log 2>&1 ;;
  stop) start-stop-daemon --stop --pidfile \$PIDFILE --remove-pidfile --retry 10 --oknodo ;;
  restart) "\$0" stop && "\$0" start ;;
  force-reload) "\$0" restart ;;
  status) start-stop-daemon --status --pidfile \$PIDFILE ;;
  *) echo "Usage: service docker {start|stop|restart|status}"; exit 1 ;;
esac
SCRIPT
}

# ---- inside a host (run as: ip netns exec NS unshare --mount --uts ... lab.sh _host-init DIR NAME) ----
host_init() {
  local d=$1 name=$2
  hostname "$name"
  mount --make-rprivate /
  # `ip netns exec` mounted a fresh /sys without cgroups: dockerd needs the v1 controllers.
  mount -t tmpfs -o mode=755 cgroup /sys/fs/cgroup
  for c in "${CGROUPS[@]}"; do mkdir -p "/sys/fs/cgroup/$c" && mount -t cgroup -o "$c" cgroup "/sys/fs/cgroup/$c"; done
  mkdir -p /sys/fs/cgroup/systemd /sys/fs/cgroup/unified
  mount -t cgroup -o none,name=systemd cgroup /sys/fs/cgroup/systemd
  mount -t cgroup2 cgroup2 /sys/fs/cgroup/unified
  # A host's own directories: writes stay in $d, reads fall through to the machine's files.
  for p in etc home; do
    mkdir -p "$d/fs/$p" "$d/fs/.work-$p"
    mount -t overlay overlay -o "lowerdir=/$p,upperdir=$d/fs/$p,workdir=$d/fs/.work-$p" "/$p"
  done
  # root's home starts as a fresh Debian one: the machine's own dotfiles (a pyenv hook in
  # .bashrc, say) would run in every ssh session of every host.
  mkdir -p "$d/fs/root" && cp -a /etc/skel/. "$d/fs/root/" && chmod 700 "$d/fs/root"
  mount --bind "$d/fs/root" /root
  mkdir -p "$d/run" "$d/log" "$d/docker"
  mount --bind "$d/run" /run
  mount --bind "$d/log" /var/log
  mount --bind "$d/docker" /var/lib/docker
  mkdir -p /run/sshd /run/lock
  echo "$name" >/etc/hostname
  printf '127.0.0.1 localhost\n%s %s\n' "$(cat "$d/addr")" "$name" >/etc/hosts
  write_init_script "--cgroup-parent=/syl$(basename "$(dirname "$d")")-$name" >/etc/init.d/docker
  rm -f /etc/docker/daemon.json /etc/docker/key.json
  if [[ -f $d/daemon.json ]]; then mkdir -p /etc/docker && cp "$d/daemon.json" /etc/docker/daemon.json; fi
  /usr/sbin/sshd -f "$d/sshd_config" -E "$d/sshd.log"
  /etc/init.d/docker start >/dev/null
}

# ---- up ----
make_keys() {
  mkdir -p "$L/ssh" && chmod 700 "$L/ssh"
  ssh-keygen -q -t ed25519 -N '' -C "switchyard-lab$LAB-client" -f "$L/ssh/client_ed25519"
  cp "$L/ssh/client_ed25519.pub" "$L/ssh/authorized_keys.root"
  : >"$L/ssh/known_hosts"
}

make_host() {
  local name=$1 i=$2 role=$3 d=$L/$1 ns; ns=$(ns_of "$1")
  mkdir -p "$d"
  echo "$NET.$i" >"$d/addr"
  ssh-keygen -q -t ed25519 -N '' -C "$name" -f "$d/ssh_host_ed25519_key"
  echo "$NET.$i $(cut -d' ' -f1,2 "$d/ssh_host_ed25519_key.pub")" >>"$L/ssh/known_hosts"
  cat >"$d/sshd_config" <<CFG
ListenAddress $NET.$i:22
HostKey $d/ssh_host_ed25519_key
PidFile /run/sshd.pid
PermitRootLogin prohibit-password
PubkeyAuthentication yes
PasswordAuthentication no
KbdInteractiveAuthentication no
UsePAM no
StrictModes no
AuthorizedKeysFile .ssh/authorized_keys $L/ssh/authorized_keys.%u
MaxStartups 50:30:100
MaxSessions 50
CFG
  if [[ $BARE != yes ]]; then
    cat >"$d/daemon.json" <<JSON
{
  "log-driver": "json-file",
  "log-opts": { "max-size": "10m", "max-file": "3" },
  "insecure-registries": ["$NET.0/24"]
}
JSON
  fi
  ip netns add "$ns"
  ip link add "$BR-$i" type veth peer name eth0 netns "$ns"
  ip link set "$BR-$i" master "$BR" up
  ip -n "$ns" addr add "$NET.$i/24" dev eth0
  ip -n "$ns" link set lo up
  ip -n "$ns" link set eth0 up
  ip netns exec "$ns" unshare --mount --uts --propagation private bash "$SELF" _host-init "$d" "$name" >"$d/init.log" 2>&1 \
    || die "host $name did not start: $(tail -5 "$d/init.log")"
  echo "$name $NET.$i $role" >>"$L/hosts"
}

start_registry() {
  local name=$1 port=$2 auth=$3 cfg=$L/registry-$1.yml
  mkdir -p "$L/registry-$name"
  {
    echo "version: 0.1"
    echo "log: { level: warn }"
    echo "storage:"
    echo "  filesystem: { rootdirectory: $L/registry-$name }"
    echo "  delete: { enabled: true }"
    echo "http: { addr: '$GW:$port' }"
    if [[ $auth == yes ]]; then
      echo "auth:"
      echo "  htpasswd: { realm: switchyard-lab, path: $L/registry.htpasswd }"
    fi
  } >"$cfg"
  [[ $auth == yes ]] && htpasswd -Bbn "$AUTH_USER" "$AUTH_PASSWORD" >"$L/registry.htpasswd"
  start-stop-daemon --start --background --make-pidfile --pidfile "$L/registry-$name.pid" \
    --output "$L/registry-$name.log" --exec /usr/bin/docker-registry -- serve "$cfg"
}

registry_ready() { curl -s -o /dev/null -w '%{http_code}' "http://$GW:$1/v2/" | grep -qE '200|401'; }
docker_ready() { ndocker "$1" version --format '{{.Server.Version}}'; }

form_swarm() {
  local first="" h addr role token_m token_w
  while read -r h addr role; do
    if [[ -z $first ]]; then
      first=$h
      ndocker "$h" swarm init --advertise-addr "$addr" --listen-addr "$addr:2377" \
        --default-addr-pool 198.19.0.0/16 --default-addr-pool-mask-length 24 --dispatcher-heartbeat "$HEARTBEAT" >/dev/null
      token_m=$(ndocker "$h" swarm join-token -q manager)
      token_w=$(ndocker "$h" swarm join-token -q worker)
      local manager=$addr
    else
      ndocker "$h" swarm join --advertise-addr "$addr" --listen-addr "$addr:2377" \
        --token "$([[ $role == manager ]] && echo "$token_m" || echo "$token_w")" "$manager:2377" >/dev/null
    fi
  done <"$L/hosts"
  # The labels the example stack's placement uses (workflows-examples/infra/ansible sets the same).
  local zone=0
  while read -r h addr role; do
    zone=$((zone + 1))
    ndocker "$first" node update --label-add "zone=z$zone" --label-add "role=app" "$h" >/dev/null
  done <"$L/hosts"
}

write_env() {
  local first; first=$(head -1 "$L/hosts" | cut -d' ' -f1)
  {
    echo "{"
    echo "  \"lab\": $LAB, \"dir\": \"$L\", \"bridge\": \"$BR\", \"subnet\": \"$NET.0/24\", \"gateway\": \"$GW\","
    echo "  \"swarm\": $([[ $BARE == yes ]] && echo false || echo true),"
    echo "  \"registry\": \"$GW:5000\", \"authRegistry\": \"$GW:5001\", \"authUser\": \"$AUTH_USER\", \"authPassword\": \"$AUTH_PASSWORD\","
    echo "  \"ssh\": { \"user\": \"root\", \"privateKey\": \"$L/ssh/client_ed25519\", \"knownHosts\": \"$L/ssh/known_hosts\" },"
    echo "  \"images\": { \"busybox\": \"$GW:5000/switchyard/busybox:1\" },"
    echo "  \"manager\": \"$first\","
    echo "  \"hosts\": ["
    local sep="" h addr role
    while read -r h addr role; do
      printf '%s    { "name": "%s", "addr": "%s", "role": "%s", "namespace": "%s", "docker": "%s" }' "$sep" "$h" "$addr" "$role" "$(ns_of "$h")" "$(sock_of "$h")"
      sep=$',\n'
    done <"$L/hosts"
    printf '\n  ]\n}\n'
  } >"$L/env.json"
}

cmd_up() {
  local managers=1 workers=2
  BARE=no
  while (( $# )); do
    case $1 in
      --managers) managers=${2:?}; shift 2 ;;
      --workers) workers=${2:?}; shift 2 ;;
      --no-swarm) BARE=yes; shift ;;
      *) die "unknown option '$1' (up [--lab K] [--managers M] [--workers W] [--no-swarm])" ;;
    esac
  done
  [[ $managers =~ ^[1-7]$ ]] || die "--managers must be 1-7, got '$managers'"
  [[ $workers =~ ^[0-9]$ ]] || die "--workers must be 0-9, got '$workers'"
  [[ $(id -u) == 0 ]] || die "the lab needs root (network namespaces, mounts)"
  if [[ -d $L ]] || ip link show "$BR" >/dev/null 2>&1 || ip netns list | grep -q "^$BR-"; then
    if [[ -d $L ]] && cmd_status >/dev/null 2>&1; then log "already up ($L)"; return 0; fi
    log "removing the remains of an earlier lab $LAB"
    cmd_down
  fi
  docker image inspect "$BASE_BUSYBOX_IMAGE" >/dev/null 2>&1 || die "$BASE_BUSYBOX_IMAGE missing: run scripts/infra.sh up first"
  local t0; t0=$(date +%s.%N)
  mkdir -p "$L"
  : >"$L/hosts"
  ip link add "$BR" type bridge
  ip addr add "$GW/24" dev "$BR"
  ip link set "$BR" up
  # The host daemon's FORWARD policy (DROP) would drop frames between the namespaces.
  iptables -I FORWARD 1 -i "$BR" -o "$BR" -j ACCEPT -m comment --comment "switchyard-lab$LAB"
  start_registry open 5000 no
  start_registry auth 5001 yes
  make_keys
  local i=0
  for ((m = 1; m <= managers; m++)); do i=$((i + 1)); make_host "manager$m" $i manager; done
  for ((w = 1; w <= workers; w++)); do i=$((i + 1)); make_host "worker$w" $i worker; done
  for h in $(host_names); do wait_until 30 "dockerd on $h (log: $L/$h/log/docker.log)" docker_ready "$h"; done
  wait_until 15 "registry $GW:5000" registry_ready 5000
  wait_until 15 "registry $GW:5001" registry_ready 5001
  # Base image on the first host (tests build there) and in the open registry (every host pulls from it).
  local first; first=$(head -1 "$L/hosts" | cut -d' ' -f1)
  docker save "$BASE_BUSYBOX_IMAGE" | ndocker "$first" load -q >/dev/null
  if [[ $BARE != yes ]]; then
    ndocker "$first" tag "$BASE_BUSYBOX_IMAGE" "$GW:5000/switchyard/busybox:1"
    ndocker "$first" push -q "$GW:5000/switchyard/busybox:1" >/dev/null
    form_swarm
  fi
  write_env
  log "up: $managers manager(s), $workers worker(s)$([[ $BARE == yes ]] && echo ', no swarm') on $BR $NET.0/24 in $(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }')s (state in $L)"
}

# ---- down ----
# all_exited PID...: none of them runs any more (gone, or a zombie its reaper has not collected yet).
all_exited() {
  local p stat
  for p; do
    read -r stat 2>/dev/null <"/proc/$p/stat" || continue
    stat=${stat##*) }
    [[ ${stat:0:1} == Z ]] || return 1
  done
}

# Every process of the lab: those in a host's network namespace (sshd, dockerd,
# containerd, shims), their descendants (containers have namespaces of their own),
# and anything left in the hosts' container cgroups.
lab_pids() {
  local roots="" ns
  for ns in $(ip netns list | awk -v p="$BR-" 'index($1, p) == 1 { print $1 }'); do
    roots+=" $(ip netns pids "$ns" 2>/dev/null | tr '\n' ' ')"
  done
  {
    # shellcheck disable=SC2086
    [[ -n ${roots// /} ]] && ps -e -o pid=,ppid= | awk -v roots="$roots" '
      { parent[$1] = $2 }
      END {
        n = split(roots, r, " "); for (i = 1; i <= n; i++) keep[r[i]] = 1
        do { grew = 0; for (p in parent) if (!(p in keep) && (parent[p] in keep)) { keep[p] = 1; grew = 1 } } while (grew)
        for (p in keep) print p
      }'
    find /sys/fs/cgroup/pids -path "/sys/fs/cgroup/pids/$BR-*" -name cgroup.procs -exec cat {} + 2>/dev/null
  } | sort -un
}

cmd_down() {
  local t0; t0=$(date +%s.%N)
  local pids ns killed=""
  for _ in $(seq 1 100); do
    pids=$(lab_pids)
    [[ -z $pids ]] && break
    killed+=" $pids"
    # shellcheck disable=SC2086
    kill -9 $pids 2>/dev/null || true
    sleep 0.05
  done
  [[ -z $(lab_pids) ]] || die "processes of lab $LAB survived SIGKILL: $(lab_pids | tr '\n' ' ')"
  # A process that has left its namespaces may still be on its way out (in its cgroup, not yet a zombie).
  # shellcheck disable=SC2086
  [[ -z ${killed// /} ]] || wait_until 10 "processes of lab $LAB exited" all_exited $killed
  # The hosts' veths first: a namespace is destroyed (with its end of a veth) in the background after `ip netns del`.
  local link
  for link in $(ip -o link show | awk -F': ' -v p="$BR-" 'index($2, p) == 1 { sub(/@.*/, "", $2); print $2 }'); do ip link del "$link" 2>/dev/null || true; done
  for ns in $(ip netns list | awk -v p="$BR-" 'index($1, p) == 1 { print $1 }'); do ip netns del "$ns"; done
  # Both registries at once, and gone means exited: this machine's init reaps orphans only every
  # second or two, and start-stop-daemon --retry counts a zombie as running (2 s per registry).
  local f regs=()
  for f in "$L"/registry-*.pid; do
    # Only a pid that still is this registry (never a pid reused since).
    if [[ -e $f ]] && tr '\0' ' ' 2>/dev/null <"/proc/$(cat "$f")/cmdline" | grep -qF "serve ${f%.pid}.yml"; then regs+=("$(cat "$f")"); fi
  done
  if (( ${#regs[@]} )); then
    kill -TERM "${regs[@]}" 2>/dev/null || true
    wait_until 10 "registries of lab $LAB stopped" all_exited "${regs[@]}"
  fi
  while iptables -D FORWARD -i "$BR" -o "$BR" -j ACCEPT -m comment --comment "switchyard-lab$LAB" 2>/dev/null; do :; done
  ip link del "$BR" 2>/dev/null || true
  # Container cgroups live in the machine's hierarchy, under each host's cgroup parent.
  find /sys/fs/cgroup -mindepth 2 -maxdepth 2 -type d -name "$BR-*" 2>/dev/null | while read -r cg; do
    find "$cg" -depth -type d -exec rmdir {} + 2>/dev/null || true
  done
  rm -rf "$L"
  log "down in $(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }')s"
}

# ---- status ----
cmd_status() {
  [[ -f $L/hosts ]] || { echo "lab $LAB down"; return 1; }
  local ok=0 h addr role
  while read -r h addr role; do
    local d="down" s="down"
    ndocker "$h" info >/dev/null 2>&1 && d="up (swarm: $(ndocker "$h" info --format '{{.Swarm.LocalNodeState}}' 2>/dev/null))" || ok=1
    (exec 3<>"/dev/tcp/$addr/22") 2>/dev/null && s=up || ok=1
    printf '%-10s %-15s %-8s docker %s, sshd %s\n' "$h" "$addr" "$role" "$d" "$s"
  done <"$L/hosts"
  for r in 5000 5001; do
    if registry_ready $r; then echo "registry   $GW:$r up"; else echo "registry   $GW:$r down"; ok=1; fi
  done
  return $ok
}

cmd_push() {
  local image=${1:?usage: push IMAGE [REPO[:TAG]]} target=${2:-}
  [[ -f $L/env.json ]] || die "lab $LAB is not up"
  local first; first=$(head -1 "$L/hosts" | cut -d' ' -f1)
  [[ -n $target ]] || target=${image#*/}
  [[ $target == */* || $target != *:* ]] || true
  docker save "$image" | ndocker "$first" load -q >/dev/null
  ndocker "$first" tag "$image" "$GW:5000/$target"
  ndocker "$first" push -q "$GW:5000/$target" >/dev/null
  ndocker "$first" image inspect --format '{{range .RepoDigests}}{{println .}}{{end}}' "$GW:5000/$target" | grep "^$GW:5000/${target%%:*}@" | head -1
}

valid_host() { host_names | grep -qx -- "$1" || die "no host '$1' in lab $LAB (hosts: $(host_names | tr '\n' ' '))"; }

cmd_kill() {
  valid_host "$1"
  local pid; pid=$(cat "$L/$1/run/docker.pid" 2>/dev/null) || die "dockerd on $1 is not running"
  kill -9 "$pid"
  log "killed dockerd on $1 (pid $pid)"
}

cmd_start() {
  valid_host "$1"
  in_host "$1" /etc/init.d/docker start >/dev/null
  wait_until 30 "dockerd on $1" docker_ready "$1"
}

cmd_link() {
  valid_host "$1"
  local i; i=$(host_field "$1" 2 | awk -F. '{ print $4 }')
  case ${2:-} in
    up | down) ip link set "$BR-$i" "$2" ;;
    *) die "usage: link HOST up|down" ;;
  esac
}

main() {
  local cmd=${1:-}; shift || true
  if [[ $cmd == _host-init ]]; then host_init "$@"; return; fi
  local lab=${SWITCHYARD_LAB:-0}
  if [[ ${1:-} == --lab ]]; then lab=${2:?--lab needs a value}; shift 2; fi
  set_lab "$lab"
  case $cmd in
    up) cmd_up "$@" ;;
    down) cmd_down ;;
    status) cmd_status ;;
    env) cat "$L/env.json" 2>/dev/null || die "lab $LAB is not up" ;;
    push) cmd_push "$@" ;;
    kill) cmd_kill "${1:?usage: kill HOST}" ;;
    start) cmd_start "${1:?usage: start HOST}" ;;
    link) cmd_link "${1:?usage: link HOST up|down}" "${2:-}" ;;
    exec) valid_host "${1:?usage: exec HOST CMD...}"; local h=$1; shift; in_host "$h" "$@" ;;
    *) sed -n '2,30p' "$SELF" >&2; exit 2 ;;
  esac
}

main "$@"
