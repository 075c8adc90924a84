#!/usr/bin/env bash
# Lab comparison for org.watchpost.engine.check: starts real Debian daemons with deliberately
# weak configurations on 127.0.0.3x loopback addresses (never any other address), runs
# CheckMain against them and then testssl and ssh-audit (and nmap NSE for the plain services)
# on the same daemons, and prints the summaries side by side.
#
#   bash bench/checks-lab.sh            (run as root; needs sshd, nginx, redis-server, vsftpd,
#                                        memcached, testssl, ssh-audit, keytool, openssl)
# Every process it starts is recorded by PID and killed by PID on exit.
set -u
cd "$(dirname "$0")/.."
ROOT=$(pwd)
LAB=$(mktemp -d /tmp/watchpost-checks-lab.XXXXXX)
chmod 755 "$LAB"   # nginx workers (www-data) must read the web root
PIDS=()
cleanup() {
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null; done
  for i in $(seq 1 20); do
    alive=0; for p in "${PIDS[@]}"; do kill -0 "$p" 2>/dev/null && alive=1; done
    [ $alive = 0 ] && break; sleep 0.1
  done
  for p in "${PIDS[@]}"; do kill -0 "$p" 2>/dev/null && kill -9 "$p" 2>/dev/null; done
  wait 2>/dev/null
  [ -f "$LAB/nginx.pid" ] && kill "$(cat "$LAB/nginx.pid")" 2>/dev/null
  rm -rf "$LAB"
}
trap cleanup EXIT

SSH_IP=127.0.0.32; WEB_IP=127.0.0.33; REDIS_IP=127.0.0.35; FTP_IP=127.0.0.36; MC_IP=127.0.0.37
echo "lab dir: $LAB"

# ---- build ----
mvn -q -B -o compile >/dev/null 2>&1 || mvn -q -B compile || { echo "build failed"; exit 1; }
mvn -q -B dependency:build-classpath -Dmdep.outputFile="$LAB/cp.txt" -Dmdep.includeScope=runtime >/dev/null 2>&1
CP="$ROOT/target/classes:$(cat "$LAB/cp.txt")"

# ---- certificates: expired self-signed RSA-2048 for lab.test, and a 1024-bit SHA-1 one ----
KT="$(dirname "$(readlink -f "$(which java)")")/keytool"
mkcert() { # name dn start validity bits sigalg
  "$KT" -genkeypair -alias srv -keyalg RSA -keysize "$5" -sigalg "$6" -dname "$2" -ext "SAN=dns:lab.test" \
    -startdate "$3" -validity "$4" -keystore "$LAB/$1.p12" -storetype PKCS12 -storepass changeit -keypass changeit >/dev/null 2>&1
  openssl pkcs12 -in "$LAB/$1.p12" -passin pass:changeit -nodes -nocerts -out "$LAB/$1.key" 2>/dev/null \
    || openssl pkcs12 -legacy -in "$LAB/$1.p12" -passin pass:changeit -nodes -nocerts -out "$LAB/$1.key"
  openssl pkcs12 -in "$LAB/$1.p12" -passin pass:changeit -nokeys -out "$LAB/$1.crt" 2>/dev/null \
    || openssl pkcs12 -legacy -in "$LAB/$1.p12" -passin pass:changeit -nokeys -out "$LAB/$1.crt"
}
mkcert expired "CN=lab.test" -400d 30 2048 SHA256withRSA
mkcert weak "CN=lab.test" -1d 365 1024 SHA1withRSA

# ---- sshd with legacy algorithms re-enabled ----
ssh-keygen -q -t rsa -b 2048 -N '' -f "$LAB/ssh_host_rsa_key"
ssh-keygen -q -t dsa -N '' -f "$LAB/ssh_host_dsa_key" 2>/dev/null
cat > "$LAB/sshd_config" <<CFG
ListenAddress $SSH_IP:22
HostKey $LAB/ssh_host_rsa_key
$( [ -f "$LAB/ssh_host_dsa_key" ] && echo "HostKey $LAB/ssh_host_dsa_key" )
PidFile $LAB/sshd.pid
UsePAM no
KexAlgorithms +diffie-hellman-group1-sha1,diffie-hellman-group14-sha1,diffie-hellman-group-exchange-sha1
HostKeyAlgorithms +ssh-rsa,ssh-dss
Ciphers +aes128-cbc,aes256-cbc,3des-cbc
MACs +hmac-md5,hmac-md5-96,hmac-sha1-96,umac-64@openssh.com
CFG
mkdir -p /run/sshd
/usr/sbin/sshd -t -f "$LAB/sshd_config" || echo "sshd config rejected"
/usr/sbin/sshd -D -e -f "$LAB/sshd_config" 2>"$LAB/sshd.log" & PIDS+=($!)

# ---- nginx: TLS 1.0/1.1/1.2, every cipher OpenSSL still has (legacy provider for RC4), expired cert ----
mkdir -p "$LAB/www/.git" "$LAB/tmp"
echo "ref: refs/heads/main" > "$LAB/www/.git/HEAD"
printf 'APP_KEY=base64:0123456789\nDB_PASSWORD=lab-only-password\n' > "$LAB/www/.env"
echo "hello" > "$LAB/www/readme.txt"
cat > "$LAB/openssl-legacy.cnf" <<CFG
openssl_conf = openssl_init
[openssl_init]
providers = provider_sect
ssl_conf = ssl_sect
[provider_sect]
default = default_sect
legacy = legacy_sect
[default_sect]
activate = 1
[legacy_sect]
activate = 1
[ssl_sect]
system_default = system_default_sect
[system_default_sect]
CipherString = ALL:COMPLEMENTOFALL:@SECLEVEL=0
MinProtocol = None
CFG
cat > "$LAB/nginx.conf" <<CFG
worker_processes 1;
daemon off;
pid $LAB/nginx.pid;
error_log $LAB/nginx-error.log;
events { worker_connections 64; }
http {
  access_log off;
  client_body_temp_path $LAB/tmp/body; proxy_temp_path $LAB/tmp/proxy; fastcgi_temp_path $LAB/tmp/fcgi;
  uwsgi_temp_path $LAB/tmp/uwsgi; scgi_temp_path $LAB/tmp/scgi;
  server {
    listen $WEB_IP:443 ssl;
    server_name lab.test;
    ssl_certificate $LAB/expired.crt; ssl_certificate_key $LAB/expired.key;
    ssl_protocols TLSv1 TLSv1.1 TLSv1.2 TLSv1.3;
    ssl_ciphers "ALL:COMPLEMENTOFALL:@SECLEVEL=0";
    ssl_prefer_server_ciphers off;
    root $LAB/www; autoindex on;
    add_header Set-Cookie "sid=lab; Path=/";
  }
  server {
    listen $WEB_IP:8443 ssl;
    ssl_certificate $LAB/weak.crt; ssl_certificate_key $LAB/weak.key;
    ssl_protocols TLSv1.2 TLSv1.3;
    ssl_ciphers "ECDHE+AESGCM:@SECLEVEL=0";
    root $LAB/www;
    add_header Strict-Transport-Security "max-age=31536000" always;
    add_header Content-Security-Policy "default-src 'self'; frame-ancestors 'none'" always;
    add_header X-Content-Type-Options nosniff always;
    server_tokens off;
  }
  server {
    listen $WEB_IP:80;
    root $LAB/www; autoindex on;
  }
}
CFG
OPENSSL_CONF="$LAB/openssl-legacy.cnf" nginx -e "$LAB/nginx-error.log" -c "$LAB/nginx.conf" & PIDS+=($!)

# ---- redis without a password, vsftpd with anonymous login, memcached without SASL ----
redis-server --bind $REDIS_IP --port 6379 --protected-mode no --save '' --appendonly no --dir "$LAB" --daemonize no \
  >"$LAB/redis.log" 2>&1 & PIDS+=($!)
mkdir -p "$LAB/ftp" "$LAB/empty"; chmod 555 "$LAB/ftp"; chmod 555 "$LAB/empty"
cat > "$LAB/vsftpd.conf" <<CFG
listen=YES
listen_ipv6=NO
listen_address=$FTP_IP
listen_port=21
background=NO
anonymous_enable=YES
anon_root=$LAB/ftp
no_anon_password=NO
local_enable=NO
write_enable=NO
secure_chroot_dir=$LAB/empty
xferlog_enable=NO
seccomp_sandbox=NO
CFG
vsftpd "$LAB/vsftpd.conf" >"$LAB/vsftpd.log" 2>&1 & PIDS+=($!)
memcached -l $MC_IP -p 11211 -U 0 -u nobody >"$LAB/memcached.log" 2>&1 & PIDS+=($!)

# wait (bounded) for every port
for hp in $SSH_IP:22 $WEB_IP:443 $WEB_IP:8443 $WEB_IP:80 $REDIS_IP:6379 $FTP_IP:21 $MC_IP:11211; do
  for i in $(seq 1 50); do (exec 3<>/dev/tcp/${hp%:*}/${hp#*:}) 2>/dev/null && break; sleep 0.1; done
  (exec 3<>/dev/tcp/${hp%:*}/${hp#*:}) 2>/dev/null && echo "up: $hp" || echo "NOT UP: $hp"
done

hr() { printf '\n==================== %s ====================\n' "$1"; }

hr "Watchpost CheckMain"
t0=$(date +%s.%N)
java -cp "$CP" org.watchpost.engine.check.CheckMain --name $WEB_IP=www.lab.test \
  $SSH_IP:22:ssh $WEB_IP:443:https:tls $WEB_IP:8443:https:tls $WEB_IP:80:http \
  $REDIS_IP:6379:redis $FTP_IP:21:ftp $MC_IP:11211:memcached 2>&1
echo "(CheckMain wall time: $(echo "$(date +%s.%N) - $t0" | bc) s)"

hr "ssh-audit $SSH_IP:22 (fail/warn lines)"
ssh-audit -n $SSH_IP 2>&1 | grep -E '\((kex|key|enc|mac)\)|^\(cve\)|CVE' | grep -E 'fail|warn|CVE' | sed 's/ \+/ /g'

for t in $WEB_IP:443 $WEB_IP:8443; do
  hr "testssl $t (severity above OK/INFO, plus protocol and cert lines)"
  t1=$(date +%s)
  timeout 600 testssl --quiet --color 0 --warnings off --sneaky --ip one -p -s -S -U -h --csvfile "$LAB/testssl-${t#*:}.csv" "$t" >/dev/null 2>&1
  awk -F'","' 'NR>1 { gsub(/"/,"",$1); gsub(/"/,"",$7); sev=$4; if (sev!="OK" && sev!="INFO" || $1 ~ /^(SSLv3|TLS1|TLS1_1|TLS1_2|TLS1_3|cert_expirationStatus|cert_trust|cert_chain_of_trust|cert_keySize|cert_signatureAlgorithm)$/) printf "%-9s %-28s %s\n", sev, $1, $5 }' "$LAB/testssl-${t#*:}.csv"
  echo "(testssl wall time: $(( $(date +%s) - t1 )) s)"
done

hr "nmap NSE on the plain services (reference for ftp/redis/memcached/http)"
nmap -Pn -n -sT -p 21 --script ftp-anon $FTP_IP 2>&1 | grep -E 'ftp-anon|230|^21/'
nmap -Pn -n -sT -p 6379 --script redis-info $REDIS_IP 2>&1 | grep -E '^6379|Version|Operating'
nmap -Pn -n -sT -p 11211 --script memcached-info $MC_IP 2>&1 | grep -E '^11211|Version|Process'
nmap -Pn -n -sT -p 80 --script http-git,http-headers,http-methods $WEB_IP 2>&1 | grep -E '^80|git|Server:|Index|methods|TRACE'
