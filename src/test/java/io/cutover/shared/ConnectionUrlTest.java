package io.cutover.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ConnectionUrlTest {

    @Test
    void splitsThePasswordOffAndKeepsTheRest() {
        ConnectionUrl.Parsed parsed = ConnectionUrl.parse("postgresql://fly-user:s3cr%40t@direct.abc.flympg.net:5432/fly-db?sslmode=require");

        assertThat(parsed.password()).contains("s3cr@t");
        assertThat(parsed.url().withoutPassword()).isEqualTo("postgresql://fly-user@direct.abc.flympg.net:5432/fly-db?sslmode=require");
        assertThat(parsed.url().host()).isEqualTo("direct.abc.flympg.net");
        assertThat(parsed.url().port()).isEqualTo(5432);
        assertThat(parsed.url().database()).isEqualTo("fly-db");
        assertThat(parsed.url().jdbcUrl()).isEqualTo("jdbc:postgresql://direct.abc.flympg.net:5432/fly-db?sslmode=require");
    }

    @Test
    void toleratesUnencodedSpecialCharactersInThePassword() {
        ConnectionUrl.Parsed parsed = ConnectionUrl.parse("postgres://postgres:p@ss:w/rd@localhost:15432/fragrant_flower_8144");

        assertThat(parsed.password()).contains("p@ss:w/rd");
        assertThat(parsed.url().host()).isEqualTo("localhost");
        assertThat(parsed.url().withPassword("p@ss:w/rd")).isEqualTo("postgres://postgres:p%40ss%3Aw%2Frd@localhost:15432/fragrant_flower_8144");
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
        assertThatThrownBy(() -> ConnectionUrl.parse("root:topsecret@h"))
                .hasMessageNotContaining("topsecret");
    }

    @Test
    void aNameUnderLocalhostTellsLibpqToConnectTo127001AndKeepsTheName() {
        ConnectionUrl.Parsed parsed = ConnectionUrl.parse("postgresql://fly-user:pw@pgbouncer.mpg-3f9a.flympg.localhost:6543/fly-db?sslmode=disable");

        assertThat(parsed.url().isLoopbackName()).isTrue();
        assertThat(parsed.url().host()).isEqualTo("pgbouncer.mpg-3f9a.flympg.localhost");
        assertThat(parsed.url().withoutPassword())
                .isEqualTo("postgresql://fly-user@pgbouncer.mpg-3f9a.flympg.localhost:6543/fly-db?sslmode=disable&hostaddr=127.0.0.1");
        assertThat(parsed.url().withPassword("pw"))
                .isEqualTo("postgresql://fly-user:pw@pgbouncer.mpg-3f9a.flympg.localhost:6543/fly-db?sslmode=disable&hostaddr=127.0.0.1");
    }

    @Test
    void aNameUnderLocalhostWithoutQueryOrPortGetsHostaddrAndJdbcTheLoopbackAddressOnTheDefaultPort() {
        ConnectionUrl url = ConnectionUrl.parse("postgresql://fly-user:pw@direct.mpg-3f9a.flympg.localhost/fly-db").url();

        assertThat(url.withoutPassword()).isEqualTo("postgresql://fly-user@direct.mpg-3f9a.flympg.localhost/fly-db?hostaddr=127.0.0.1");
        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://127.0.0.1:5432/fly-db");
    }

    @Test
    void jdbcGetsTheLoopbackAddressAndPortWithoutTheLibpqOnlyHostaddr() {
        ConnectionUrl url = ConnectionUrl.parse("postgres://postgres@fragrant-flower-8144-db.flycast.localhost:15432/app?sslmode=disable&hostaddr=127.0.0.1").url();

        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://127.0.0.1:15432/app?sslmode=disable");
    }

    @Test
    void aUrlThatAlreadyCarriesHostaddrIsNotGivenASecond() {
        String shown = ConnectionUrl.parse("postgres://app:pw@flex.flycast.localhost:15432/app").url().withoutPassword();

        assertThat(ConnectionUrl.parse(shown).url().withoutPassword()).isEqualTo(shown).isEqualTo("postgres://app@flex.flycast.localhost:15432/app?hostaddr=127.0.0.1");
    }

    @Test
    void theLocalhostSuffixIsMatchedWhateverItsCase() {
        ConnectionUrl url = ConnectionUrl.parse("postgres://app@Direct.MPG-1.FlyMPG.LocalHost:6000/app").url();

        assertThat(url.isLoopbackName()).isTrue();
        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://127.0.0.1:6000/app");
    }

    @Test
    void namesThatOnlyLookLikeLocalhostAreResolvedAsUsual() {
        for (String host : new String[] {"localhost", "db.localhost.example.com", "mylocalhost", "localhost-db.internal"}) {
            ConnectionUrl url = ConnectionUrl.parse("postgres://app@" + host + ":5433/app").url();

            assertThat(url.isLoopbackName()).as(host).isFalse();
            assertThat(url.withoutPassword()).as(host).isEqualTo("postgres://app@" + host + ":5433/app");
            assertThat(url.jdbcUrl()).as(host).isEqualTo("jdbc:postgresql://" + host + ":5433/app");
        }
    }
}
