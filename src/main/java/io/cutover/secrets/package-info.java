/**
 * Secrets at rest and on screen: {@link io.cutover.secrets.SecretCipher} encrypts
 * parameter values kept in H2, {@link io.cutover.secrets.SecretRedactor} masks them in
 * every line a person can read. Only this module decrypts.
 */
@ApplicationModule(displayName = "Secrets", allowedDependencies = { "shared" })
@NullMarked
package io.cutover.secrets;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
