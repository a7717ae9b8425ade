/**
 * Secrets at rest and on screen: {@link io.cutover.secrets.SecretCipher} encrypts parameter values
 * kept in H2, {@link io.cutover.secrets.SecretRedactor} masks them in every line a person can read.
 * Only this module decrypts.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Secrets")
package io.cutover.secrets;
