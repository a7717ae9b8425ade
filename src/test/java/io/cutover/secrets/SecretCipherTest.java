package io.cutover.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cutover.shared.PanelProperties;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretCipherTest {

    @TempDir
    Path dataDir;

    @Test
    void generatesAKeyFileOnlyItsOwnerCanRead() throws Exception {
        new SecretCipher(new SecretsProperties(null), new PanelProperties(dataDir, false));

        Path keyFile = dataDir.resolve("secret.key");
        assertThat(Files.getPosixFilePermissions(keyFile)).containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ,
                PosixFilePermission.OWNER_WRITE);
    }

    @Test
    void sealedValueDoesNotContainThePlainTextAndOpensAfterRestart() {
        SecretCipher first = new SecretCipher(new SecretsProperties(null), new PanelProperties(dataDir, false));
        String sealed = first.encrypt("correct horse battery staple");

        SecretCipher afterRestart = new SecretCipher(new SecretsProperties(null), new PanelProperties(dataDir, false));

        assertThat(sealed).doesNotContain("horse").startsWith("v1:");
        assertThat(afterRestart.decrypt(sealed)).isEqualTo("correct horse battery staple");
    }

    @Test
    void sameSecretSealsDifferentlyEachTime() {
        SecretCipher cipher = new SecretCipher(new SecretsProperties(null), new PanelProperties(dataDir, false));

        assertThat(cipher.encrypt("x")).isNotEqualTo(cipher.encrypt("x"));
    }

    @Test
    void valueSealedUnderAnotherKeyIsRefusedNotMisread(@TempDir Path otherDir) {
        String sealed = new SecretCipher(new SecretsProperties(null), new PanelProperties(otherDir, false))
            .encrypt("x");
        SecretCipher cipher = new SecretCipher(new SecretsProperties(null), new PanelProperties(dataDir, false));

        assertThatThrownBy(() -> cipher.decrypt(sealed)).hasMessageContaining("was the key file replaced");
    }

}
