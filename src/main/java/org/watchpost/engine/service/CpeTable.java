package org.watchpost.engine.service;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static java.util.Map.entry;

/**
 * The one place that maps product names as this package reports them to the CPE 2.3
 * {@code vendor:product} pairs that NVD uses (checked against NVD records).
 */
public final class CpeTable {

    private static final Map<String, String> VENDOR_PRODUCT = Map.ofEntries(
            // SSH
            entry("OpenSSH", "openbsd:openssh"),
            entry("Dropbear sshd", "dropbear_ssh_project:dropbear_ssh"),
            entry("libssh", "libssh:libssh"),
            // web
            entry("nginx", "f5:nginx"),
            entry("Apache httpd", "apache:http_server"),
            entry("Microsoft IIS httpd", "microsoft:internet_information_services"),
            entry("lighttpd", "lighttpd:lighttpd"),
            entry("Jetty", "eclipse:jetty"),
            entry("OpenResty", "openresty:openresty"),
            entry("Caddy", "caddyserver:caddy"),
            entry("MiniServ", "webmin:webmin"),
            // data stores
            entry("Redis", "redis:redis"),
            entry("Memcached", "memcached:memcached"),
            entry("MongoDB", "mongodb:mongodb"),
            entry("MySQL", "oracle:mysql"),
            entry("MariaDB", "mariadb:mariadb"),
            entry("PostgreSQL", "postgresql:postgresql"),
            // file transfer
            entry("vsftpd", "vsftpd_project:vsftpd"),
            entry("ProFTPD", "proftpd:proftpd"),
            entry("Pure-FTPd", "pureftpd:pure-ftpd"),
            entry("FileZilla Server", "filezilla-project:filezilla_server"),
            // mail
            entry("Postfix smtpd", "postfix:postfix"),
            entry("Exim smtpd", "exim:exim"),
            entry("Sendmail", "sendmail:sendmail"),
            entry("OpenSMTPD", "openbsd:opensmtpd"),
            entry("Dovecot pop3d", "dovecot:dovecot"),
            entry("Dovecot imapd", "dovecot:dovecot"),
            // DNS
            entry("ISC BIND", "isc:bind"),
            entry("dnsmasq", "thekelleys:dnsmasq"),
            entry("Unbound", "nlnetlabs:unbound"),
            entry("PowerDNS Recursor", "powerdns:recursor"),
            entry("PowerDNS Authoritative Server", "powerdns:authoritative_server"));

    /** OpenSSH style "8.2p1": NVD puts the portable patch level in the update field. */
    private static final Pattern OPENSSH_VERSION = Pattern.compile("(\\d+(?:\\.\\d+)*)(p\\d+)?");

    private CpeTable() {
    }

    /** {@code vendor:product} for a product name as reported in {@code ServiceInfo.product}, if known. */
    public static Optional<String> vendorProduct(String product) {
        return product == null ? Optional.empty() : Optional.ofNullable(VENDOR_PRODUCT.get(product));
    }

    /**
     * CPE 2.3 formatted string for a product and version, or null if the product is not in the
     * table. An unknown version is written as {@code *} (any).
     */
    public static String cpe(String product, String version) {
        String vp = vendorProduct(product).orElse(null);
        if (vp == null) return null;
        String ver = "*";
        String update = "*";
        if (version != null && !version.isBlank()) {
            String v = version.strip();
            if ("OpenSSH".equals(product)) {
                Matcher m = OPENSSH_VERSION.matcher(v);
                if (m.matches()) {
                    v = m.group(1);
                    if (m.group(2) != null) update = m.group(2);
                }
            }
            ver = escape(v.toLowerCase(Locale.ROOT));
        }
        return "cpe:2.3:a:" + vp + ":" + ver + ":" + update + ":*:*:*:*:*:*";
    }

    /** Escapes a value for a CPE 2.3 formatted string: anything but letters, digits, '.', '_', '-' gets a backslash. */
    static String escape(String value) {
        StringBuilder sb = new StringBuilder(value.length() + 4);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-') {
                sb.append(c);
            } else if (c > 0x20 && c < 0x7f) {
                sb.append('\\').append(c);
            }
            // control and non-ASCII characters are dropped: they cannot occur in a valid CPE value
        }
        return sb.isEmpty() ? "*" : sb.toString();
    }
}
