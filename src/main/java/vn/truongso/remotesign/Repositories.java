package vn.truongso.remotesign;

import java.util.List;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;

interface CredentialRepository extends JpaRepository<Credential, UUID> {
    List<Credential> findByUsernameOrderByCreatedAtDesc(String username);

    List<Credential> findAllByOrderByUsernameAscCreatedAtDesc();

    List<Credential> findByUsernameIn(java.util.Collection<String> usernames,
            org.springframework.data.domain.Pageable page);
}

interface SignTransactionRepository extends JpaRepository<SignTransaction, UUID> {
    List<SignTransaction> findByUsernameOrderByCreatedAtDesc(String username);

    List<SignTransaction> findByUsernameOrderByCreatedAtDescIdAsc(String username,
            org.springframework.data.domain.Pageable page);
}
