package io.cutover.secrets;

import io.cutover.shared.PanelProperties;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.stereotype.Service;

/**
 * AES-256-GCM for secret values stored in H2. The key comes from configuration or from a
 * key file in the data directory that only the panel's user can read; losing it makes
 * stored secrets unreadable, which is the point.
 */
@Service
public class SecretCipher {

    private static final String PREFIX = "v1:";

    private static final int IV_BYTES = 12;

    private static final int TAG_BITS = 128;

    private final SecretKey key;

    private final SecureRandom random = new SecureRandom();

    SecretCipher(SecretsProperties properties, PanelProperties panel) {
        this.key = new SecretKeySpec(keyBytes(properties, panel.dataDir().resolve("secret.key")), "AES");
    }

    public String encrypt(String plain) {
        try {
            byte[] iv = new byte[IV_BYTES];
            random.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
            byte[] sealed = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
            return PREFIX + Base64.getEncoder()
                .encodeToString(ByteBuffer.allocate(iv.length + sealed.length).put(iv).put(sealed).array());
        }
        catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot encrypt a secret", e);
        }
    }

    public String decrypt(String stored) {
        if (stored == null || !stored.startsWith(PREFIX)) {
            throw new IllegalArgumentException("Not a value sealed by this panel");
        }
        try {
            byte[] all = Base64.getDecoder().decode(stored.substring(PREFIX.length()));
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, all, 0, IV_BYTES));
            return new String(cipher.doFinal(all, IV_BYTES, all.length - IV_BYTES), StandardCharsets.UTF_8);
        }
        catch (GeneralSecurityException e) {
            throw new IllegalStateException("A stored secret cannot be decrypted: was the key file replaced?", e);
        }
    }

    private static byte[] keyBytes(SecretsProperties properties, Path keyFile) {
        if (properties.key() != null && !properties.key().isBlank()) {
            byte[] configured = Base64.getDecoder().decode(properties.key().strip());
            if (configured.length != 32) {
                throw new IllegalStateException("cutover.secrets.key must be base64 of exactly 32 bytes");
            }
            return configured;
        }
        try {
            if (!Files.exists(keyFile)) {
                writeNewKey(keyFile);
            }
            byte[] stored = Base64.getDecoder().decode(Files.readString(keyFile).strip());
            if (stored.length != 32) {
                throw new IllegalStateException(keyFile + " does not hold a 32-byte key");
            }
            return stored;
        }
        catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create the key file " + keyFile, e);
        }
    }

    private static void writeNewKey(Path keyFile) throws IOException {
        Files.createDirectories(keyFile.toAbsolutePath().getParent());
        byte[] fresh = new byte[32];
        new SecureRandom().nextBytes(fresh);
        try {
            // Created with 0600 from the start, so there is no moment where others could
            // read it.
            Files.createFile(keyFile,
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        }
        catch (FileAlreadyExistsException raced) {
            return;
        }
        Files.writeString(keyFile, Base64.getEncoder().encodeToString(fresh));
    }

}
