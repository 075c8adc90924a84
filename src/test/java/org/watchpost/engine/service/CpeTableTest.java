package org.watchpost.engine.service;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CpeTableTest {

    @Test
    void opensshPatchLevelGoesToTheUpdateField() {
        assertThat(CpeTable.cpe("OpenSSH", "8.2p1")).isEqualTo("cpe:2.3:a:openbsd:openssh:8.2:p1:*:*:*:*:*:*");
        assertThat(CpeTable.cpe("OpenSSH", "9.6")).isEqualTo("cpe:2.3:a:openbsd:openssh:9.6:*:*:*:*:*:*:*");
    }

    @Test
    void vendorNamesAreTheOnesNvdUses() {
        assertThat(CpeTable.cpe("nginx", "1.18.0")).isEqualTo("cpe:2.3:a:f5:nginx:1.18.0:*:*:*:*:*:*:*");
        assertThat(CpeTable.cpe("Apache httpd", "2.4.49")).isEqualTo("cpe:2.3:a:apache:http_server:2.4.49:*:*:*:*:*:*:*");
        assertThat(CpeTable.cpe("Redis", "7.0.15")).isEqualTo("cpe:2.3:a:redis:redis:7.0.15:*:*:*:*:*:*:*");
        assertThat(CpeTable.vendorProduct("vsftpd")).contains("vsftpd_project:vsftpd");
        assertThat(CpeTable.vendorProduct("MySQL")).contains("oracle:mysql");
        assertThat(CpeTable.vendorProduct("ISC BIND")).contains("isc:bind");
    }

    @Test
    void unknownProductHasNoCpeAndUnknownVersionIsAny() {
        assertThat(CpeTable.cpe("cloudflare", "1.0")).isNull();
        assertThat(CpeTable.cpe(null, null)).isNull();
        assertThat(CpeTable.cpe("Postfix smtpd", null)).isEqualTo("cpe:2.3:a:postfix:postfix:*:*:*:*:*:*:*:*");
    }

    @Test
    void specialCharactersAreEscaped() {
        assertThat(CpeTable.cpe("Memcached", "1.6.18+git:x")).isEqualTo("cpe:2.3:a:memcached:memcached:1.6.18\\+git\\:x:*:*:*:*:*:*:*");
    }
}
