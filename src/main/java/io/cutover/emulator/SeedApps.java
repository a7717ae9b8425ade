package io.cutover.emulator;

/**
 * The two apps a rehearsal starts from: a Postgres Flex app whose database already exists
 * on the local server, and the application attached to it through {@code DATABASE_URL}.
 *
 * @param org organization slug of both apps
 * @param region primary region of both apps
 * @param flexApp name of the Postgres Flex app
 * @param flexMachineId id of its single machine
 * @param flexVolumeId id of its single 1 GB volume
 * @param flexDatabase the database it serves (must exist on the local server for dumps
 * and lists)
 * @param flexDatabaseUrl the application's connection URL to it
 * @param app name of the application
 * @param appMachines how many machines the application runs
 */
public record SeedApps(String org, String region, String flexApp, String flexMachineId, String flexVolumeId,
        String flexDatabase, String flexDatabaseUrl, String app, int appMachines) {
}
