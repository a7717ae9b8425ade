package io.cutover.security;

import io.cutover.shared.PanelProperties;
import io.cutover.shared.Role;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Applies configured users at start-up and, in the sandbox, gives each demo user a fresh
 * password. Demo passwords are printed once to the console (not the log) and kept in a
 * 0600 file in the data directory, since a rehearsal that cannot log in is useless.
 */
@Component
@Order(0)
class UserSeeder implements ApplicationRunner {

    /** Two approvers, because critical checklists need two distinct signatures. */
    static final Map<String, Role> DEMO_USERS = demoUsers();

    private final SecurityProperties properties;

    private final UserAccounts accounts;

    private final PanelProperties panel;

    UserSeeder(SecurityProperties properties, UserAccounts accounts, PanelProperties panel) {
        this.properties = properties;
        this.accounts = accounts;
        this.panel = panel;
    }

    @Override
    public void run(ApplicationArguments args) {
        properties.users()
            .forEach(u -> accounts.upsert(u.username().strip().toLowerCase(), u.passwordHash(), u.roles(),
                    UserAccount.Source.CONFIG));
        if (properties.demoUsers()) {
            seedDemoUsers();
        }
    }

    private void seedDemoUsers() {
        StringBuilder table = new StringBuilder();
        SecureRandom random = new SecureRandom();
        DEMO_USERS.forEach((name, role) -> {
            byte[] bytes = new byte[12];
            random.nextBytes(bytes);
            String password = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
            accounts.upsert(name, accounts.hash(password), Set.of(role), UserAccount.Source.DEMO);
            table.append(String.format("  %-10s %-9s %s%n", name, role, password));
        });
        Path file = panel.dataDir().resolve("demo-users.txt");
        writePrivate(file, "user       role      password\n" + table);
        System.out.printf("%n=== Cutover sandbox: demo users (new passwords at every start; also in %s) ===%n%s%n",
                file.toAbsolutePath(), table);
    }

    private static void writePrivate(Path file, String text) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.deleteIfExists(file);
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, text, StandardOpenOption.TRUNCATE_EXISTING);
        }
        catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
    }

    private static Map<String, Role> demoUsers() {
        Map<String, Role> users = new LinkedHashMap<>();
        users.put("viewer", Role.VIEWER);
        users.put("operator", Role.OPERATOR);
        users.put("approver", Role.APPROVER);
        users.put("approver2", Role.APPROVER);
        users.put("admin", Role.ADMIN);
        return users;
    }

}
