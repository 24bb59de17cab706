package vn.truongso.signing;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;

interface PendingSignatureRepository extends JpaRepository<PendingSignature, UUID> {

    List<PendingSignature> findBySignerAndStatusOrderByCreatedAt(String signer, PendingSignature.Status status);

    List<PendingSignature> findByTransactionIdOrderByItemIndex(UUID transactionId);

    Optional<PendingSignature> findFirstByProcessInstanceIdOrderByCreatedAtDesc(String processInstanceId);
}
