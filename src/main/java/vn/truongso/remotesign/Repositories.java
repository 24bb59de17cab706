package vn.truongso.remotesign;

import java.util.List;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;

interface CredentialRepository extends JpaRepository<Credential, UUID> {
    List<Credential> findByUsernameOrderByCreatedAtDesc(String username);

    List<Credential> findAllByOrderByUsernameAscCreatedAtDesc();
}

interface SignTransactionRepository extends JpaRepository<SignTransaction, UUID> {
    List<SignTransaction> findByUsernameOrderByCreatedAtDesc(String username);

    List<SignTransaction> findByUsernameOrderByCreatedAtDescIdAsc(String username,
            org.springframework.data.domain.Pageable page);
}
