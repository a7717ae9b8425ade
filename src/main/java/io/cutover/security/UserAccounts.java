package io.cutover.security;

import io.cutover.shared.Actor;
import io.cutover.shared.ConflictException;
import io.cutover.shared.InvalidInputException;
import io.cutover.shared.NotFoundException;
import io.cutover.shared.Role;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The security module's facade: the users of the panel and their roles. */
@Service
@Transactional(readOnly = true)
public class UserAccounts {

    static final int MIN_PASSWORD = 12;
    static final int MAX_PASSWORD_BYTES = 72;

    private static final String USERNAME = "[a-z0-9][a-z0-9._-]{1,49}";

    private final UserAccountRepository repository;

    private final PasswordEncoder encoder;

    private final ApplicationEventPublisher events;

    private final Clock clock;

    UserAccounts(UserAccountRepository repository, PasswordEncoder encoder, ApplicationEventPublisher events,
            Clock clock) {
        this.repository = repository;
        this.encoder = encoder;
        this.events = events;
        this.clock = clock;
    }

    public List<UserView> list() {
        return repository.findAllOrdered().stream().map(UserAccount::toView).toList();
    }

    @Transactional
    public UserView create(String username, String password, Set<Role> roles, Actor actor) {
        String name = username == null ? "" : username.strip().toLowerCase();
        Map<String, String> errors = new LinkedHashMap<>();
        if (!name.matches(USERNAME)) {
            errors.put("username", "2 to 50 characters: lower-case letters, digits, dot, dash, underscore");
        }
        else if (repository.findById(name).isPresent()) {
            errors.put("username", "A user named '" + name + "' already exists");
        }
        if (password == null || password.length() < MIN_PASSWORD) {
            errors.put("password", "At least " + MIN_PASSWORD + " characters");
        }
        else if (password.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_PASSWORD_BYTES) {
            errors.put("password", "At most " + MAX_PASSWORD_BYTES + " bytes: bcrypt reads no further");
        }
        if (roles == null || roles.isEmpty()) {
            errors.put("roles", "Choose at least one role");
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException("The user cannot be created: " + String.join("; ", errors.values()),
                    errors);
        }
        UserAccount saved = repository
            .save(UserAccount.create(name, encoder.encode(password), roles, UserAccount.Source.ADMIN, clock.instant()));
        events.publishEvent(new UserChanged(name, "created with roles " + roles, actor.username()));
        return saved.toView();
    }

    @Transactional
    public UserView setEnabled(String username, boolean enabled, Actor actor) {
        UserAccount account = repository.findById(username)
            .orElseThrow(() -> new NotFoundException("There is no user '" + username + "'"));
        if (!enabled && username.equals(actor.username())) {
            throw new ConflictException("You cannot disable your own account");
        }
        account.setEnabled(enabled);
        repository.save(account);
        events.publishEvent(new UserChanged(username, enabled ? "enabled" : "disabled", actor.username()));
        return account.toView();
    }

    /**
     * Gives a user exactly these roles; a user who loses a role has their sessions ended
     * at their next request.
     */
    @Transactional
    public UserView setRoles(String username, Set<Role> roles, Actor actor) {
        UserAccount account = repository.findById(username)
            .orElseThrow(() -> new NotFoundException("There is no user '" + username + "'"));
        if (roles == null || roles.isEmpty()) {
            throw new InvalidInputException("Choose at least one role for '" + username + "'",
                    Map.of("roles", "Choose at least one role"));
        }
        if (username.equals(actor.username()) && !roles.contains(Role.ADMIN)) {
            throw new ConflictException("You cannot remove your own admin role");
        }
        account.setRoles(roles);
        repository.save(account);
        events.publishEvent(
                new UserChanged(username, "roles set to " + roles.stream().sorted().toList(), actor.username()));
        return account.toView();
    }

    /**
     * Creates or updates an account from configuration or the sandbox, taking the hash as
     * given.
     */
    @Transactional
    void upsert(String username, String passwordHash, Set<Role> roles, UserAccount.Source source) {
        UserAccount account = repository.findById(username).map(existing -> {
            existing.update(passwordHash, roles);
            return existing;
        }).orElseGet(() -> UserAccount.create(username, passwordHash, roles, source, clock.instant()));
        repository.save(account);
    }

    String hash(String password) {
        return encoder.encode(password);
    }

}
