#!/usr/bin/env python3
"""Builds src/main/resources/org/watchpost/engine/target/top-ports.txt from the tiers below.

Watchpost's own ranking of commonly open TCP ports; see docs/ports-ranking.md for where each
tier comes from. Rules: tiers are emitted in order; within a tier, in the order written; a port
already placed by an earlier tier keeps its earlier rank; after the curated tiers the list is
filled by the documented fill rules until it holds exactly 1000 ports.

Run:  python3 scripts/build-top-ports.py  (rewrites the resource; commit the result)
"""
import os
import sys

TIERS = [
    ("services open on a large share of internet-facing hosts in every published survey", """
80 http
443 https
22 ssh
21 ftp
25 smtp
3389 rdp
110 pop3
143 imap
53 dns
23 telnet
8080 http-alt
445 smb
139 netbios-ssn
135 msrpc
993 imaps
995 pop3s
587 submission
465 smtps
8443 https-alt
7547 cwmp-tr069
3306 mysql
111 rpcbind
5900 vnc
1723 pptp
8000 http-alt
8888 http-alt
8081 http-alt
5060 sip
179 bgp
2000 cisco-sccp
"""),
    ("the second ring, the most common ports of each family below (so top-100 is balanced)", """
81 http-alt
8008 http-alt
8088 http-alt
9090 http-alt
10000 webmin
2082 cpanel
2083 cpanel-ssl
2087 whm-ssl
5000 http-alt-upnp
5001 https-alt
3000 http-dev
8001 http-alt
8181 http-alt
9443 https-alt
4443 https-alt
7001 weblogic
8009 ajp13
9000 http-alt
1433 mssql
5432 postgresql
1521 oracle
27017 mongodb
6379 redis
9200 elasticsearch
11211 memcached
5984 couchdb
389 ldap
636 ldaps
88 kerberos
5985 winrm
5986 winrm-ssl
2049 nfs
873 rsync
548 afp
631 ipp
515 printer
9100 jetdirect
49152 win-rpc
1025 win-rpc
2222 ssh-alt
5901 vnc-1
5800 vnc-http
3128 squid
1080 socks
2375 docker
6443 kubernetes-api
10250 kubelet
902 vmware-auth
1099 java-rmi
554 rtsp
1883 mqtt
5672 amqp
9092 kafka
2181 zookeeper
5061 sips
6667 irc
37777 dahua-dvr
1900 upnp
32400 plex
5555 adb
502 modbus
102 s7comm
119 nntp
79 finger
113 ident
513 rlogin
514 rsh-syslog
990 ftps
6000 x11
161 snmp
"""),
    ("alternate web ports and hosting control panels", """
81 http-alt
8008 http-alt
8088 http-alt
8880 http-alt
8082 http-alt
8083 http-alt
8084 http-alt
8085 http-alt
8089 http-alt
8090 http-alt
8001 http-alt
8181 http-alt
9090 http-alt
9443 https-alt
10000 webmin
4443 https-alt
8010 http-alt
9000 http-alt
9080 http-alt
2082 cpanel
2083 cpanel-ssl
2086 whm
2087 whm-ssl
2095 webmail
2096 webmail-ssl
5000 http-alt-upnp
5001 https-alt
3000 http-dev
7001 weblogic
7002 weblogic-ssl
8009 ajp13
8800 http-alt
82 http-alt
83 http-alt
84 http-alt
85 http-alt
8099 http-alt
8180 http-alt
8280 http-alt
8843 https-alt
10443 https-alt
7080 http-alt
7443 https-alt
4433 https-alt
8020 http-alt
8091 http-alt
9091 http-alt
8444 https-alt
8002 http-alt
8003 http-alt
8005 tomcat-shutdown
8006 proxmox
8069 odoo
8086 influxdb
8087 http-alt
8098 http-alt
8100 http-alt
8118 privoxy
8200 http-alt
8222 http-alt
8500 http-alt
8834 nessus
8889 http-alt
9001 http-alt
9002 http-alt
9081 http-alt
9999 http-alt
10080 http-alt
18080 http-alt
591 filemaker-http
7000 http-alt
7777 http-alt
3001 http-dev
3128 squid
1080 socks
"""),
    ("databases, caches, search engines and message brokers (product defaults)", """
1433 mssql
1521 oracle
5432 postgresql
27017 mongodb
6379 redis
9200 elasticsearch
11211 memcached
5984 couchdb
9042 cassandra
2181 zookeeper
9092 kafka
5672 amqp
15672 rabbitmq-mgmt
1883 mqtt
8883 mqtt-tls
61616 activemq
50000 db2
3050 firebird
7474 neo4j
27018 mongodb-shard
28017 mongodb-http
26257 cockroachdb
8529 arangodb
9300 elasticsearch-transport
5601 kibana
8983 solr
7199 cassandra-jmx
9160 cassandra-thrift
11210 couchbase
2379 etcd
2380 etcd-peer
8500 consul
4222 nats
33060 mysqlx
6380 redis-alt
2483 oracle-tcp
2484 oracle-tcps
5433 postgresql-alt
4369 epmd
25672 rabbitmq-dist
5671 amqps
61613 stomp
61614 stomp-ssl
8161 activemq-web
8123 clickhouse-http
9440 clickhouse-tls
7687 neo4j-bolt
3351 pervasive
1434 mssql-monitor
9093 kafka-alt
8088 yarn
50070 hdfs-namenode
50075 hdfs-datanode
9870 hdfs-namenode3
7077 spark
4040 spark-ui
16010 hbase-master
9083 hive-metastore
10001 hive-http
21050 impala
8047 drill
7180 cloudera-manager
28015 rethinkdb
5000 docker-registry
"""),
    ("Windows domain, directory, file and print services", """
389 ldap
636 ldaps
88 kerberos
464 kpasswd
3268 globalcatalog
3269 globalcatalog-ssl
593 rpc-over-http
5985 winrm
5986 winrm-ssl
2049 nfs
873 rsync
548 afp
631 ipp
515 printer
9100 jetdirect
3260 iscsi
1025 win-rpc
1026 win-rpc
1027 win-rpc
1028 win-rpc
1029 win-rpc
49152 win-rpc
49153 win-rpc
49154 win-rpc
49155 win-rpc
49156 win-rpc
49157 win-rpc
5357 wsdapi
2103 msmq
2105 msmq
2107 msmq
1801 msmq
9389 adws
47001 winrm-alt
5722 dfsr
1688 kms
8530 wsus
8531 wsus-ssl
2179 hyperv-vmconnect
3343 ms-cluster
137 netbios-ns
4045 nfs-lockd
"""),
    ("remote administration, management, monitoring and VPN", """
2222 ssh-alt
5901 vnc-1
5902 vnc-2
5903 vnc-3
5800 vnc-http
5631 pcanywhere
4899 radmin
6129 dameware
5938 teamviewer
2375 docker
2376 docker-tls
2377 docker-swarm
6443 kubernetes-api
10250 kubelet
10255 kubelet-ro
16992 intel-amt
16993 intel-amt-tls
623 ipmi
902 vmware-auth
903 vmware-console
5480 vami
8140 puppet
4505 salt-pub
4506 salt-ret
1099 java-rmi
4848 glassfish-admin
9043 websphere-admin
9060 websphere-admin
9990 wildfly-admin
8291 mikrotik-winbox
8728 mikrotik-api
8729 mikrotik-api-ssl
830 netconf-ssh
2601 zebra
2604 ospfd
2605 bgpd
6556 checkmk
5666 nrpe
10050 zabbix-agent
10051 zabbix-server
4949 munin
9102 bacula-fd
9103 bacula-sd
3551 apcupsd
1311 dell-openmanage
2381 hp-smh
5988 wbem-http
5989 wbem-https
17988 hp-ilo-vm
1194 openvpn
4500 ipsec-nat-t
500 isakmp
1701 l2tp
10001 ubiquiti
8443 unifi
8880 unifi-http
9392 openvas-gsa
9390 openvas-manager
9418 git
3690 svn
512 rexec
513 rlogin
514 rsh-syslog
6514 syslog-tls
79 finger
113 ident
6000 x11
6001 x11-1
6002 x11-2
9093 alertmanager
9094 alertmanager-cluster
9115 blackbox-exporter
9182 windows-exporter
3100 loki
16686 jaeger
9411 zipkin
5044 logstash-beats
9600 logstash-api
2003 graphite
2004 graphite-pickle
8089 splunk-mgmt
9997 splunk-forwarder
8191 splunk-kvstore
8200 vault
8300 consul-server
8301 consul-serf
4646 nomad
9229 node-inspector
5005 java-debug
8787 rstudio
8384 syncthing-gui
22000 syncthing
"""),
    ("messaging, voice, video and streaming", """
5061 sips
1720 h323
4569 iax2
5038 asterisk-ami
3478 stun-turn
5349 turns
5222 xmpp-client
5269 xmpp-server
5223 xmpp-ssl
6667 irc
6697 ircs
6665 irc-alt
6666 irc-alt
6668 irc-alt
6669 irc-alt
194 irc-iana
554 rtsp
8554 rtsp-alt
1935 rtmp
119 nntp
563 nntps
2525 smtp-alt
26 smtp-alt
2526 smtp-alt
109 pop2
106 poppassd
4190 managesieve
990 ftps
989 ftps-data
992 telnets
994 ircs-iana
853 dns-over-tls
"""),
    ("network and security appliances, VPN gateways and proxies (vendor defaults)", """
4786 cisco-smart-install
541 fortinet-fgfm
8013 fortinet-alt
4444 sophos-webadmin
4117 watchguard-mgmt
18264 checkpoint-ica
264 checkpoint-topology
256 checkpoint-fw1
257 checkpoint-fw1-log
18190 checkpoint-cpmi
18191 checkpoint-cprid
18192 checkpoint-cpd
18210 checkpoint-ica-pull
18211 checkpoint-ica-push
2443 cisco-cucm-alt
1936 haproxy-stats
9050 tor-socks
9051 tor-control
9030 tor-dir
8123 polipo-homeassistant
3127 proxy-alt
1812 radius
1813 radius-acct
4011 pxe
2601 zebra
3702 ws-discovery
5358 wsd-secure
7680 delivery-optimization
1755 mms
1719 h323-ras
953 rndc
8953 unbound-control
8053 powerdns-api
4711 pihole-ftl
"""),
    ("embedded devices, cameras, home routers, media and industrial control", """
37777 dahua-dvr
34567 xmeye-dvr
34599 xmeye-dvr
8899 onvif-cam
52869 upnp-realtek
37215 huawei-hg
1900 upnp
49000 avm-tr064
8060 roku-ecp
1400 sonos
8200 upnp-media
32400 plex
8096 jellyfin
8920 jellyfin-ssl
2323 telnet-alt
5555 adb
62078 iphone-sync
3689 daap
502 modbus
102 s7comm
20000 dnp3
44818 ethernet-ip
1911 niagara-fox
4911 niagara-fox-tls
2404 iec-104
789 redlion-crimson
1962 pcworx
9600 omron-fins
18245 ge-srtp
4840 opc-ua
47808 bacnet
2455 codesys
1200 codesys-alt
5007 melsec
20547 proconos
"""),
    ("application platforms, developer tools, CI/CD and data platforms (product defaults)", """
7990 bitbucket
7999 bitbucket-ssh
8111 teamcity
29418 gerrit-ssh
1666 perforce
2401 cvs-pserver
3632 distcc
4873 verdaccio
3141 devpi
5678 debugpy
9003 xdebug
3031 uwsgi
9292 rack
3838 shiny
4200 angular-dev
5173 vite-dev
1313 hugo-dev
4000 dev-server
8065 mattermost
8448 matrix-federation
2368 ghost
4567 sinatra-nodebb
9876 rocketmq-ns
10911 rocketmq-broker
6650 pulsar
18083 emqx-dashboard
6222 nats-cluster
8222 nats-monitor
9180 apisix-admin
9901 envoy-admin
15000 envoy-istio
15021 istio-health
2019 caddy-admin
4822 guacd
8040 screenconnect
8041 screenconnect-relay
5721 kaseya
7071 zimbra-admin
3003 aerospike
5701 hazelcast
10800 ignite-thin
47500 ignite-discovery
10334 geode-locator
40404 geode-server
11222 infinispan
3301 tarantool
30015 sap-hana
3200 sap-dispatcher
3300 sap-gateway
3299 sap-router
50013 sap-startsrv
8000 sap-icm
9088 informix
1526 informix-alt
4100 sybase
7210 maxdb
5003 filemaker
1972 intersystems-cache
57772 intersystems-web
2424 orientdb-binary
2480 orientdb-http
8182 gremlin
8890 virtuoso
1111 virtuoso-sql
7200 graphdb
3030 fuseki
1984 basex
8984 basex-http
7700 meilisearch
8108 typesense
9312 sphinx
9306 sphinx-sql
19530 milvus
6333 qdrant
7860 gradio
8501 streamlit
6006 tensorboard
11434 ollama
8265 ray-dashboard
8786 dask
8793 airflow-worker
5050 pgadmin
8072 odoo-longpoll
8042 yarn-nodemanager
19888 mapreduce-history
10020 mapreduce-jobhistory
50010 hdfs-datanode
50020 hdfs-ipc
16000 hbase-master-rpc
16020 hbase-regionserver
16030 hbase-rs-ui
10002 hive-ui
21000 impala-shell
25000 impala-ui
11000 oozie
8440 ambari-agent
8441 ambari-agent-ssl
7183 cloudera-manager-ssl
6123 flink-rpc
6627 storm-nimbus
2888 zookeeper-peer
3888 zookeeper-election
8983 solr
9042 cassandra-cql
7473 neo4j-https
6984 couchdb-ssl
26379 redis-sentinel
8092 couchbase
8093 couchbase-query
8094 couchbase-search
18091 couchbase-ssl
4317 otlp-grpc
4318 otlp-http
14268 jaeger-collector
14250 jaeger-grpc
24224 fluentd
12201 graylog-gelf
1514 graylog-syslog
601 syslog-conn
2514 relp
10901 thanos-grpc
10902 thanos-http
8428 victoriametrics
4242 opentsdb
19999 netdata
61208 glances
5665 icinga
12489 nsclient
3030 sensu
8126 datadog-apm
8545 ethereum-rpc
8546 ethereum-ws
8332 bitcoin-rpc
4001 ipfs
18081 monero-rpc
"""),
    ("backup, storage and cluster services (product defaults)", """
10809 nbd
24007 glusterd
24008 glusterd-rdma
6789 ceph-mon
6800 ceph-osd
20048 nfs-mountd
988 lustre
7788 drbd
2224 pcsd
694 heartbeat
1556 netbackup
13724 netbackup-vnetd
13782 netbackup-bpcd
8400 commvault
8403 commvault-alt
7937 networker
7938 networker-alt
1500 tsm
6160 veeam-installer
9401 veeam-backup
10005 veeam-transport
2500 veeam-data
55414 urbackup
6690 synology-drive
9419 moosefs
"""),
    ("home, media and self-hosted applications", """
1880 node-red
8686 lidarr
9696 prowlarr
51413 transmission-peer
58846 deluge-daemon
3005 plex-companion
32469 plex-dlna
1443 sonos-tls
6568 anydesk
4533 navidrome
2342 photoprism
2283 immich
13378 audiobookshelf
25600 komga
8384 syncthing
3012 vaultwarden-ws
9980 collabora
8536 lemmy
25575 minecraft-rcon
19132 minecraft-bedrock
28016 rust-rcon
27036 steam
3074 xbox-live
10022 teamspeak-ssh
3784 ventrilo
7657 i2p-console
4662 emule
6346 gnutella
6347 gnutella-alt
2234 soulseek
411 direct-connect
"""),
    ("default ports of backdoors, trojans and attack frameworks that surveys track", """
31337 back-orifice-elite
12345 netbus
27374 subseven
1337 elite
50050 cobalt-strike-teamserver
55553 metasploit-rpc
3790 metasploit-web
5554 sasser
9996 sasser
2745 bagle
1243 subseven-old
6711 subseven-alt
6776 subseven-alt
7215 subseven-alt
65000 backdoor-alt
20034 netbus-pro
1981 shockrave
666 doom-backdoor
"""),
    ("games, peer-to-peer, crypto-currency nodes and remote desktop variants", """
25565 minecraft
27015 source-engine
64738 mumble
10011 teamspeak-query
30033 teamspeak-files
6881 bittorrent
8333 bitcoin
30303 ethereum
9735 lightning
3390 rdp-alt
5902 vnc
5904 vnc-4
5905 vnc-5
5906 vnc-6
5910 vnc-10
7070 realserver
8112 deluge
9117 jackett
7878 radarr
8989 sonarr
"""),
    ("other system ports whose registered service is still deployed", """
123 ntp
1 tcpmux
7 echo
9 discard
13 daytime
17 qotd
19 chargen
37 time
43 whois
49 tacacs
70 gopher
162 snmptrap
199 smux
311 macos-server-admin
427 svrloc
444 snpp
497 retrospect
524 ncp
543 klogin
544 kshell
646 ldp
700 epp
705 agentx
711 cisco-tdp
749 kerberos-adm
808 http-proxy-alt
901 swat
1024 reserved-first-user-port
"""),
]

# After the curated tiers, in this order, every port not yet placed, ascending, until 1000:
FILL = [
    ("fill A: the rest of the 8000-8100 block, where appliances and application servers put web consoles",
     range(8000, 8101)),
    ("fill B: x080 / x443 alternates of web ports (2080, 3443, ...), common when a second web server is added",
     [p for k in range(1, 21) for p in (k * 1000 + 80, k * 1000 + 443)]),
    ("fill C: Windows dynamic RPC ports: 1030-1060 (Windows 2000-2003) and 49158-49170 (Vista and later)",
     list(range(1030, 1061)) + list(range(49158, 49171))),
    ("fill D: the remaining IANA system ports 1-1023, ascending", range(1, 1024)),
]

TARGET = 1000


def main():
    seen = set()
    lines = []
    dups = []
    for number, (title, body) in enumerate(TIERS, 1):
        lines.append("")
        lines.append("# tier %d: %s" % (number, title))
        for raw in body.strip().splitlines():
            port_text, label = raw.split(None, 1)
            port = int(port_text)
            assert 1 <= port <= 65535, raw
            if port in seen:
                dups.append(port)
                continue
            seen.add(port)
            lines.append("%d  # %s" % (port, label))
    curated = len(seen)
    for title, ports in FILL:
        if len(seen) >= TARGET:
            break
        lines.append("")
        lines.append("# " + title)
        for port in ports:
            if len(seen) >= TARGET:
                break
            if port not in seen:
                seen.add(port)
                lines.append(str(port))
    assert len(seen) == TARGET, len(seen)
    header = [
        "# Watchpost top TCP ports: its own ranking of the 1000 ports most often found open,",
        "# most common first. One port per line; '#' starts a comment. top-N = the first N ports.",
        "# Assembled from public facts (IANA registrations, published internet-wide survey",
        "# statistics, product defaults) in tiers; see docs/ports-ranking.md.",
        "# Generated by scripts/build-top-ports.py; edit the tiers there, not this file.",
        "# %d curated ports, %d by the fill rules." % (curated, TARGET - curated),
    ]
    root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
    out = os.path.join(root, "src/main/resources/org/watchpost/engine/target/top-ports.txt")
    with open(out, "w") as f:
        f.write("\n".join(header + lines) + "\n")
    print("curated %d, filled %d, repeats skipped %d: %s" % (curated, TARGET - curated, len(dups),
                                                              sorted(set(dups))), file=sys.stderr)


if __name__ == "__main__":
    main()
