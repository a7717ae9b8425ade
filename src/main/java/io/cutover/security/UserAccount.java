package io.cutover.security;

import io.cutover.shared.Role;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.PersistenceCreator;
import org.springframework.data.annotation.Version;
import org.springframework.data.relational.core.mapping.Table;

/** Aggregate root: a person who can log in, with a bcrypt password hash and roles. */
@Table("APP_USER")
class UserAccount {

    /**
     * Where an account comes from: configuration (re-applied at start), an admin, or the
     * sandbox.
     */
    enum Source {

        CONFIG, ADMIN, DEMO

    }

    @Id
    private final String username;

    private String passwordHash;

    private String roles;

    private boolean enabled;

    private final Source source;

    private final Instant createdAt;

    @Version
    private Integer version;

    @PersistenceCreator
    UserAccount(String username, String passwordHash, String roles, boolean enabled, Source source, Instant createdAt,
            Integer version) {
        this.username = username;
        this.passwordHash = passwordHash;
        this.roles = roles;
        this.enabled = enabled;
        this.source = source;
        this.createdAt = createdAt;
        this.version = version;
    }

    static UserAccount create(String username, String passwordHash, Set<Role> roles, Source source, Instant now) {
        return new UserAccount(username, passwordHash, encode(roles), true, source, now, null);
    }

    void update(String passwordHash, Set<Role> roles) {
        this.passwordHash = passwordHash;
        this.roles = encode(roles);
        this.enabled = true;
    }

    void setRoles(Set<Role> roles) {
        this.roles = encode(roles);
    }

    void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    String username() {
        return username;
    }

    String passwordHash() {
        return passwordHash;
    }

    boolean enabled() {
        return enabled;
    }

    Source source() {
        return source;
    }

    Set<Role> roles() {
        return roles.isBlank() ? EnumSet.noneOf(Role.class)
                : Arrays.stream(roles.split(","))
                    .map(Role::valueOf)
                    .collect(Collectors.toCollection(() -> EnumSet.noneOf(Role.class)));
    }

    /** The roles as Spring Security's granted authorities ({@code ROLE_} names). */
    Set<String> authorities() {
        return roles().stream().map(r -> "ROLE_" + r.name()).collect(Collectors.toUnmodifiableSet());
    }

    UserView toView() {
        return new UserView(username, roles(), enabled, source.name(), createdAt);
    }

    private static String encode(Set<Role> roles) {
        return roles.stream().sorted().map(Role::name).collect(Collectors.joining(","));
    }

}
