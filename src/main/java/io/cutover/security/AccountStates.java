package io.cutover.security;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.data.relational.core.mapping.event.AfterSaveCallback;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * What {@link AccountStateFilter} checks on every browser request, held in memory: each
 * account's enabled flag and roles, read from H2 on first use and forgotten whenever the
 * account's row is saved. The primary-key read it replaces was, in profiles of 200 SSE
 * viewers connecting at once, about half of each warm request's CPU and 17 % of the
 * request threads' CPU on a cold panel.
 *
 * <p>
 * It stays exact because it is a Spring Data entity callback: every save of a
 * {@link UserAccount}, whoever makes it, calls {@link #onAfterSave} synchronously in the
 * saving thread. Inside a transaction the entry is forgotten after the transaction
 * completes (committed or rolled back), still before the method that changed the account
 * returns: forgetting it earlier would let another request read the old, still committed
 * row and keep it after the commit. Nothing is ever put from the saved entity, so a
 * rolled-back change is never believed; the next request reads what was committed.
 * {@link UserAccountRepository} has no delete (accounts are disabled, not deleted); a
 * {@code deleteById} would run no entity callback and must call {@link #forget} itself.
 * One panel process owns the H2 file, so no other process changes the rows behind it.
 */
@Component
class AccountStates implements AfterSaveCallback<UserAccount> {

    /** An account as a session check sees it: roles as granted authorities. */
    record State(boolean enabled, Set<String> authorities) {

        static State of(UserAccount account) {
            return new State(account.enabled(), account.authorities());
        }

    }

    /**
     * Looked up at first use: the repository is built on the aggregate template, which
     * collects entity callbacks such as this one while it is created.
     */
    private final ObjectProvider<UserAccountRepository> accounts;

    private final Map<String, State> states = new ConcurrentHashMap<>();

    /**
     * Counts forgettings. A load notes it before reading H2 and keeps what it read only
     * if no account was forgotten since: otherwise a read that saw the row before a
     * commit could land after that commit's forgetting and stay. One counter for all
     * accounts, not one per account, since forgettings are rare admin actions and a
     * refused load only costs one more read.
     */
    private final AtomicLong forgotten = new AtomicLong();

    AccountStates(ObjectProvider<UserAccountRepository> accounts) {
        this.accounts = accounts;
    }

    /** The account's current state, or empty if there is no such account. */
    Optional<State> current(String username) {
        State known = states.get(username);
        if (known != null) {
            return Optional.of(known);
        }
        long seen = forgotten.get();
        Optional<State> read = accounts.getObject().findById(username).map(State::of);
        // compute holds the key's lock while it checks the counter; forget increments the
        // counter before it removes under the same lock, so either the check sees the
        // increment or the removal comes after the put.
        read.ifPresent(state -> states.compute(username, (name, old) -> forgotten.get() == seen ? state : old));
        return read;
    }

    @Override
    public UserAccount onAfterSave(UserAccount account) {
        String username = account.username();
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    forget(username);
                }
            });
        }
        else {
            forget(username);
        }
        return account;
    }

    void forget(String username) {
        forgotten.incrementAndGet();
        states.remove(username);
    }

}
