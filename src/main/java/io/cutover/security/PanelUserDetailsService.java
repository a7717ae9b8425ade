package io.cutover.security;

import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Component;

/** Loads users from the panel's own user table. */
@Component
class PanelUserDetailsService implements UserDetailsService {

    private final UserAccountRepository repository;

    PanelUserDetailsService(UserAccountRepository repository) {
        this.repository = repository;
    }

    @Override
    public UserDetails loadUserByUsername(String username) {
        UserAccount account = repository.findById(username.strip().toLowerCase())
            .orElseThrow(() -> new UsernameNotFoundException("Unknown user"));
        return User.withUsername(account.username())
            .password(account.passwordHash())
            .disabled(!account.enabled())
            .authorities(account.authorities().toArray(String[]::new))
            .build();
    }

}
