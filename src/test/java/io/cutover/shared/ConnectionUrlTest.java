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
}
