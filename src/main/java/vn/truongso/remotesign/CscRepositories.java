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

/** Expired SADs go in bulk: two nodes purging the same rows at once must not fail anyone's request. */
interface CscAuthorizationRepository extends JpaRepository<CscAuthorization, String> {
    @Modifying
    @Query(value = "delete from csc_authorization_hash where sad_hash in "
            + "(select sad_hash from csc_authorization where expires_at < :before)", nativeQuery = true)
    int deleteExpiredHashes(@Param("before") Instant before);

    @Modifying
    @Query("delete from CscAuthorization a where a.expiresAt < :before")
    int deleteExpired(@Param("before") Instant before);
}
