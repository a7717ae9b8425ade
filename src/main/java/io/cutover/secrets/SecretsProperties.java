package io.cutover.secrets;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param key base64 of a 32-byte AES key; when empty a key file is generated (0600) in
 * the data directory on first start
 */
@ConfigurationProperties("cutover.secrets")
record SecretsProperties(String key) {
}
