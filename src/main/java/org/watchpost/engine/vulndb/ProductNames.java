package org.watchpost.engine.vulndb;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Maps the product names services announce ("OpenSSH", "Apache", "nginx") to the NVD CPE
 * vendor:product pairs they are filed under, and back to display names.
 */
final class ProductNames {
    private ProductNames() {
    }

    /** A CPE vendor and product, lower case. */
    record Key(String vendor, String product) {
    }

    private static final Map<String, List<Key>> BY_NAME = new HashMap<>();
    private static final Map<Key, String> DISPLAY = new HashMap<>();

    private static void add(String display, String cpes, String... names) {
        List<Key> keys = new ArrayList<>();
        for (String vp : cpes.split(",")) {
            int c = vp.indexOf(':');
            Key k = new Key(vp.substring(0, c), vp.substring(c + 1));
            keys.add(k);
            DISPLAY.putIfAbsent(k, display);
        }
        BY_NAME.put(display.toLowerCase(Locale.ROOT), keys);
        for (String n : names) BY_NAME.put(n, keys);
    }

    static {
        add("OpenSSH", "openbsd:openssh", "openssh");
        add("Apache HTTP Server", "apache:http_server", "apache", "apache httpd", "httpd", "apache-httpd", "apache2");
        add("nginx", "f5:nginx,nginx:nginx", "nginx");
        add("lighttpd", "lighttpd:lighttpd", "lighttpd");
        add("ProFTPD", "proftpd:proftpd", "proftpd");
        add("vsftpd", "vsftpd_project:vsftpd,beasts:vsftpd", "vsftpd");
        add("Pure-FTPd", "pureftpd:pure-ftpd", "pure-ftpd", "pureftpd");
        add("Exim", "exim:exim", "exim");
        add("Postfix", "postfix:postfix", "postfix");
        add("Sendmail", "sendmail:sendmail", "sendmail");
        add("Dovecot", "dovecot:dovecot", "dovecot");
        add("OpenSMTPD", "openbsd:opensmtpd", "opensmtpd");
        add("Redis", "redis:redis", "redis");
        add("Memcached", "memcached:memcached", "memcached");
        add("MySQL", "oracle:mysql,mysql:mysql", "mysql");
        add("MariaDB", "mariadb:mariadb", "mariadb");
        add("PostgreSQL", "postgresql:postgresql", "postgresql", "postgres");
        add("MongoDB", "mongodb:mongodb", "mongodb");
        add("Elasticsearch", "elastic:elasticsearch,elasticsearch:elasticsearch", "elasticsearch");
        add("OpenSSL", "openssl:openssl", "openssl");
        add("ISC BIND", "isc:bind", "bind", "named", "isc bind");
        add("Samba", "samba:samba", "samba");
        add("Apache Tomcat", "apache:tomcat", "tomcat", "apache-coyote");
        add("Eclipse Jetty", "eclipse:jetty", "jetty");
        add("Microsoft IIS", "microsoft:internet_information_services", "iis", "microsoft-iis", "microsoft iis");
        add("Dropbear SSH", "dropbear_ssh_project:dropbear_ssh", "dropbear", "dropbear_ssh", "dropbear sshd");
        add("Webmin", "webmin:webmin", "webmin", "miniserv");
        add("Jenkins", "jenkins:jenkins", "jenkins");
        add("Erlang/OTP", "erlang:erlang/otp", "erlang/otp", "erlang");
    }

    /** CPE keys for an announced product name (case-insensitive), empty when unknown. */
    static List<Key> keysFor(String productName) {
        if (productName == null) return List.of();
        String n = productName.trim().toLowerCase(Locale.ROOT);
        List<Key> k = BY_NAME.get(n);
        if (k == null) {
            // "OpenSSH_8.2p1", "Apache/2.4.49": drop the version part
            String stripped = n.replaceFirst("[ _/-]?v?\\d.*$", "").trim();
            k = BY_NAME.get(stripped);
        }
        return k == null ? List.of() : k;
    }

    /** Display name for a CPE pair ("OpenSSH"), or the product with underscores as spaces. */
    static String display(String vendor, String product) {
        String d = vendor == null || product == null ? null : DISPLAY.get(new Key(vendor, product));
        if (d != null) return d;
        return product == null ? "the product" : product.replace('_', ' ');
    }
}
