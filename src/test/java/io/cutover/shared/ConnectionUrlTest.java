package io.cutover.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConnectionUrlTest {

    @Test
    void splitsThePasswordOffAndKeepsTheRest() {
        ConnectionUrl.Parsed parsed = ConnectionUrl
            .parse("postgresql://fly-user:s3cr%40t@direct.abc.flympg.net:5432/fly-db?sslmode=require");

        assertThat(parsed.password()).contains("s3cr@t");
        assertThat(parsed.url().withoutPassword())
            .isEqualTo("postgresql://fly-user@direct.abc.flympg.net:5432/fly-db?sslmode=require");
        assertThat(parsed.url().host()).isEqualTo("direct.abc.flympg.net");
        assertThat(parsed.url().port()).isEqualTo(5432);
        assertThat(parsed.url().database()).isEqualTo("fly-db");
        assertThat(parsed.url().jdbcUrl())
            .isEqualTo("jdbc:postgresql://direct.abc.flympg.net:5432/fly-db?sslmode=require");
    }

    @Test
    void toleratesUnencodedSpecialCharactersInThePassword() {
        ConnectionUrl.Parsed parsed = ConnectionUrl
            .parse("postgres://postgres:p@ss:w/rd@localhost:15432/fragrant_flower_8144");

        assertThat(parsed.password()).contains("p@ss:w/rd");
        assertThat(parsed.url().host()).isEqualTo("localhost");
        assertThat(parsed.url().withPassword("p@ss:w/rd"))
            .isEqualTo("postgres://postgres:p%40ss%3Aw%2Frd@localhost:15432/fragrant_flower_8144");
    }

    @Test
    void defaultsPortAndHasNoPasswordWhenNoneIsGiven() {
        ConnectionUrl.Parsed parsed = ConnectionUrl.parse("postgres://app@db.internal/app");

        assertThat(parsed.password()).isEmpty();
        assertThat(parsed.url().port()).isEqualTo(5432);
    }

    @Test
    void refusesOtherSchemesWithoutEchoingTheValue() {
        assertThatThrownBy(() -> ConnectionUrl.parse("mysql://root:topsecret@h/db"))
            .isInstanceOf(InvalidInputException.class)
            .hasMessageContaining("postgres://")
            .hasMessageNotContaining("topsecret");
        assertThatThrownBy(() -> ConnectionUrl.parse("root:topsecret@h")).hasMessageNotContaining("topsecret");
    }

    @Test
    void aNameUnderLocalhostTellsLibpqToConnectTo127001AndKeepsTheName() {
        ConnectionUrl.Parsed parsed = ConnectionUrl
            .parse("postgresql://fly-user:pw@pgbouncer.mpg-3f9a.flympg.localhost:6543/fly-db?sslmode=disable");

        assertThat(parsed.url().isLoopbackName()).isTrue();
        assertThat(parsed.url().host()).isEqualTo("pgbouncer.mpg-3f9a.flympg.localhost");
        assertThat(parsed.url().withoutPassword()).isEqualTo(
                "postgresql://fly-user@pgbouncer.mpg-3f9a.flympg.localhost:6543/fly-db?sslmode=disable&hostaddr=127.0.0.1");
        assertThat(parsed.url().withPassword("pw")).isEqualTo(
                "postgresql://fly-user:pw@pgbouncer.mpg-3f9a.flympg.localhost:6543/fly-db?sslmode=disable&hostaddr=127.0.0.1");
    }

    @Test
    void aNameUnderLocalhostWithoutQueryOrPortGetsHostaddrAndJdbcTheLoopbackAddressOnTheDefaultPort() {
        ConnectionUrl url = ConnectionUrl.parse("postgresql://fly-user:pw@direct.mpg-3f9a.flympg.localhost/fly-db")
            .url();

        assertThat(url.withoutPassword())
            .isEqualTo("postgresql://fly-user@direct.mpg-3f9a.flympg.localhost/fly-db?hostaddr=127.0.0.1");
        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://127.0.0.1:5432/fly-db");
    }

    @Test
    void jdbcGetsTheLoopbackAddressAndPortWithoutTheLibpqOnlyHostaddr() {
        ConnectionUrl url = ConnectionUrl.parse(
                "postgres://postgres@fragrant-flower-8144-db.flycast.localhost:15432/app?sslmode=disable&hostaddr=127.0.0.1")
            .url();

        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://127.0.0.1:15432/app?sslmode=disable");
    }

    @Test
    void aUrlThatAlreadyCarriesHostaddrIsNotGivenASecond() {
        String shown = ConnectionUrl.parse("postgres://app:pw@flex.flycast.localhost:15432/app")
            .url()
            .withoutPassword();

        assertThat(ConnectionUrl.parse(shown).url().withoutPassword()).isEqualTo(shown)
            .isEqualTo("postgres://app@flex.flycast.localhost:15432/app?hostaddr=127.0.0.1");
    }

    @Test
    void theLocalhostSuffixIsMatchedWhateverItsCase() {
        ConnectionUrl url = ConnectionUrl.parse("postgres://app@Direct.MPG-1.FlyMPG.LocalHost:6000/app").url();

        assertThat(url.isLoopbackName()).isTrue();
        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://127.0.0.1:6000/app");
    }

    @Test
    void namesThatOnlyLookLikeLocalhostAreResolvedAsUsual() {
        for (String host : new String[] { "localhost", "db.localhost.example.com", "mylocalhost",
                "localhost-db.internal" }) {
            ConnectionUrl url = ConnectionUrl.parse("postgres://app@" + host + ":5433/app").url();

            assertThat(url.isLoopbackName()).as(host).isFalse();
            assertThat(url.withoutPassword()).as(host).isEqualTo("postgres://app@" + host + ":5433/app");
            assertThat(url.jdbcUrl()).as(host).isEqualTo("jdbc:postgresql://" + host + ":5433/app");
        }
    }

    @Test
    void aPasswordQueryParameterIsSeparatedLikeTheUserinfoOne() {
        ConnectionUrl.Parsed parsed = ConnectionUrl
            .parse("postgresql://app@db.internal:5433/app?sslmode=require&password=s3cr%26t&application_name=x");

        assertThat(parsed.password()).contains("s3cr&t");
        assertThat(parsed.url().withoutPassword())
            .isEqualTo("postgresql://app@db.internal:5433/app?sslmode=require&application_name=x");
        assertThat(parsed.url().jdbcUrl()).doesNotContain("s3cr");
    }

    @Test
    void theKeywordValueFormBecomesAUrlWithoutItsPassword() {
        ConnectionUrl.Parsed parsed = ConnectionUrl
            .parse("host=db.internal port=5433 dbname=app user=fly-user password='p w\\'x' sslmode=require");

        assertThat(parsed.password()).contains("p w'x");
        assertThat(parsed.url().withoutPassword())
            .isEqualTo("postgresql://fly-user@db.internal:5433/app?sslmode=require");
    }

    @Test
    void aPassfileLineBecomesAUrlWithoutItsPassword() {
        ConnectionUrl.Parsed parsed = ConnectionUrl.parse("db.internal:5433:app:fly-user:pa\\:ss");

        assertThat(parsed.password()).contains("pa:ss");
        assertThat(parsed.url().withoutPassword()).isEqualTo("postgresql://fly-user@db.internal:5433/app");
    }

    @Test
    void malformedStringsAreRefusedNamingThePartWithoutEchoingThePassword() {
        Map<String, String> refusals = new LinkedHashMap<>();
        refusals.put("postgres://u:topsecret@[::1/db", "missing its closing ']'");
        refusals.put("postgres://u:topsecret@/db", "names no host");
        refusals.put("postgres://u:topsecret@:5432/db", "names no host");
        refusals.put("postgres://u:topsecret@h:abc/db", "The port must be a number from 1 to 65535");
        refusals.put("postgres://u:topsecret@h:99999/db", "The port must be a number from 1 to 65535, not 99999");
        refusals.put("postgres://u:topsecret@h:0/db", "The port must be a number from 1 to 65535, not 0");
        refusals.put("postgres://u:topsecret@h/db?sslmode=bogus",
                "sslmode must be one of disable, allow, prefer, require, verify-ca, verify-full, not 'bogus'");
        refusals.put("postgres://u:topsecret@::1/db", "An IPv6 host must be in brackets");
        refusals.put("postgres://u:topsecret@h1,h2/db", "several hosts");
        refusals.put("port=5432 user=u password=topsecret", "names no host");
        refusals.put("host=h password='topsecret", "unterminated quoted value");
        refusals.put("*:5432:db:u:topsecret", "must name its host and user");
        refusals.forEach((text, message) -> assertThatThrownBy(() -> ConnectionUrl.parse(text)).as(text)
            .isInstanceOf(InvalidInputException.class)
            .hasMessageContaining(message)
            .hasMessageNotContaining("topsecret"));
    }

    @Test
    void anIpv6HostInBracketsKeepsItsPort() {
        ConnectionUrl url = ConnectionUrl.parse("postgres://u@[::1]:5433/db").url();

        assertThat(url.host()).isEqualTo("::1");
        assertThat(url.port()).isEqualTo(5433);
    }

}
