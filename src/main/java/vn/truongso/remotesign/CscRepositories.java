package vn.truongso.remotesign;

import java.time.Instant;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

interface CscAccessTokenRepository extends JpaRepository<CscAccessToken, String> {
    @Modifying
    @Query("delete from CscAccessToken t where t.expiresAt < :before")
    int deleteExpired(@Param("before") Instant before);
}

interface CscAuthorizationRepository extends JpaRepository<CscAuthorization, String> {
    /** Entities, not a bulk delete, so that their hashes go too. */
    java.util.List<CscAuthorization> findByExpiresAtBefore(Instant before);
}
