/**
 * An honest stand-in for {@code flyctl}, used only in the sandbox and in tests: there is
 * no Fly account and no network there, so this program is put on PATH as
 * {@code flyctl}/{@code fly}. It keeps the state of emulated apps and Managed Postgres
 * clusters in one JSON file, does real work wherever the real command would (databases
 * and roles on the local PostgreSQL server, a real PgBouncer per cluster, real
 * {@code pg_dump} snapshots and backups), and prints output shaped like the real
 * flyctl's. Product code never imports it; the sandbox wiring may call
 * {@link io.cutover.emulator.EmulatedFly} and {@link io.cutover.emulator.EmulatedApp}.
 */
@ApplicationModule(displayName = "flyctl emulator", allowedDependencies = { "shared" })
@NullMarked
package io.cutover.emulator;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
