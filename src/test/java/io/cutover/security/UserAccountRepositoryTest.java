package io.cutover.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.cutover.shared.Role;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.data.jdbc.test.autoconfigure.DataJdbcTest;

@DataJdbcTest
class UserAccountRepositoryTest {

    @Autowired
    UserAccountRepository repository;

    @Test
    void storesRolesAndUpdatesAnExistingAccount() {
        repository.save(UserAccount.create("hybrid", "$2a$04$hash", Set.of(Role.OPERATOR, Role.APPROVER),
                UserAccount.Source.ADMIN, Instant.now()));

        UserAccount read = repository.findById("hybrid").orElseThrow();
        assertThat(read.roles()).containsExactlyInAnyOrder(Role.OPERATOR, Role.APPROVER);

        read.setEnabled(false);
        repository.save(read);
        assertThat(repository.findById("hybrid").orElseThrow().enabled()).isFalse();
        assertThat(repository.findAllOrdered()).extracting(UserAccount::username).containsExactly("hybrid");
    }

}
