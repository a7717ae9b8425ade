package io.cutover.security;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jdbc.repository.query.Query;
import org.springframework.data.repository.Repository;

/**
 * No delete: accounts are disabled, never deleted. Every save is seen by
 * {@link AccountStates}; a delete added here must make it forget the account.
 */
interface UserAccountRepository extends Repository<UserAccount, String> {

    UserAccount save(UserAccount account);

    Optional<UserAccount> findById(String username);

    @Query("SELECT * FROM app_user ORDER BY username")
    List<UserAccount> findAllOrdered();

}
