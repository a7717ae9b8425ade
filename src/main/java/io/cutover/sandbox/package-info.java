/**
 * Profile-only wiring for the rehearsal ("sandbox" profile): a PostgreSQL server (the
 * local one, or an embedded one), the Flex source database with a sample application's
 * data, the flyctl emulator and an emulated S3 on the panel's PATH, the emulated
 * application answering the site URL, and a ready-made "rehearsal" migration. Product
 * code never imports this package.
 */
@ApplicationModule(displayName = "Sandbox",
        allowedDependencies = { "emulator", "execution :: spi", "migration", "shared" })
@NullMarked
package io.cutover.sandbox;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
