package io.cutover.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SecretRedactorTest {

    @Test
    void masksEveryKnownSecretValue() {
        SecretRedactor redactor = SecretRedactor.of(List.of("s3cr3t-token", "hunter2!"));

        assertThat(redactor.redact("token=s3cr3t-token and again s3cr3t-token; pw hunter2!"))
            .isEqualTo("token=**** and again ****; pw ****");
    }

    @Test
    void masksPercentEncodedSecretsAsTheyAppearInUrls() {
        SecretRedactor redactor = SecretRedactor.of(List.of("p@ss word/1"));

        assertThat(redactor.redact("connecting with p%40ss+word%2F1 and p%40ss%20word%2F1")).doesNotContain("p%40ss");
    }

    @Test
    void masksAnyPasswordInsideAConnectionUrlEvenIfUnknown() {
        SecretRedactor redactor = SecretRedactor.urlPasswordsOnly();

        assertThat(redactor.redact("Connection: postgresql://fly-user:Xy9zQ@direct.abc123.flympg.net/fly-db ok"))
            .isEqualTo("Connection: postgresql://fly-user:****@direct.abc123.flympg.net/fly-db ok");
        assertThat(redactor.redact("DATABASE_URL=postgres://postgres:pa:ss@host.flycast:5432/db"))
            .isEqualTo("DATABASE_URL=postgres://postgres:****@host.flycast:5432/db");
    }

    @Test
    void masksLibpqKeywordPasswords() {
        assertThat(SecretRedactor.urlPasswordsOnly().redact("host=db user=app password=abc123 dbname=x"))
            .isEqualTo("host=db user=app password=**** dbname=x");
    }

    @Test
    void leavesUrlsWithoutPasswordsAlone() {
        String line = "pg_dump --dbname postgres://postgres@localhost:15432/fragrant_flower_8144 https://v2.blockster.com:443/x";

        assertThat(SecretRedactor.urlPasswordsOnly().redact(line)).isEqualTo(line);
    }

    @Test
    void longLinesAreRedactedWholeWithTheUrlAnywhereInThem() {
        String noise = "x".repeat(100_000);
        String line = noise + " postgres://app:hunter2@db:5432/x " + "ab:".repeat(10_000) + "password=swordfish";

        String redacted = SecretRedactor.urlPasswordsOnly().redact(line);

        assertThat(redacted).doesNotContain("hunter2")
            .doesNotContain("swordfish")
            .contains("postgres://app:****@db:5432/x")
            .startsWith(noise);
    }

    @Test
    void severalUrlsOnOneLineAreEachMasked() {
        assertThat(SecretRedactor.urlPasswordsOnly()
            .redact("from postgres://a:one@h1/d to postgresql://b:two@h2/d via https://example.com/x"))
            .isEqualTo("from postgres://a:****@h1/d to postgresql://b:****@h2/d via https://example.com/x");
    }

}
