package vn.truongso.register;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

interface OutgoingEntryRepository extends JpaRepository<OutgoingEntry, Long> {

    boolean existsByDocumentId(UUID documentId);

    List<OutgoingEntry> findByDocumentIdIn(Collection<UUID> documentIds);

    @Query("""
            select e from OutgoingEntry e where e.organisationCode = :org and e.year = :year and (:q = ''
              or e.searchText like :like escape '\\' or e.number = :number)
            order by e.number desc""")
    Page<OutgoingEntry> search(@Param("org") String org, @Param("year") int year, @Param("q") String q,
                               @Param("like") String like, @Param("number") int number, Pageable page);

    /** Documents of these organisations whose symbol matches (for the document search). */
    @Query("""
            select e.documentId from OutgoingEntry e where e.documentId is not null and e.organisationCode = :org
              and e.searchText like :like escape '\\'""")
    List<UUID> documentsWithSymbol(@Param("org") String org, @Param("like") String like);
}

interface IncomingEntryRepository extends JpaRepository<IncomingEntry, Long> {

    boolean existsByOrganisationCodeAndDocumentIdAndDocumentVersionAndStatus(String org, UUID documentId,
                                                                              int version, IncomingEntry.Status status);

    List<IncomingEntry> findByDocumentIdInOrderByReceivedAtDesc(Collection<UUID> documentIds);

    Optional<IncomingEntry> findFirstByDocumentIdOrderByReceivedAtDesc(UUID documentId);

    @Query("""
            select e from IncomingEntry e where e.organisationCode = :org and e.year = :year and (:q = ''
              or e.searchText like :like escape '\\' or e.arrivalNumber = :number)
            order by e.receivedAt desc, e.id desc""")
    Page<IncomingEntry> search(@Param("org") String org, @Param("year") int year, @Param("q") String q,
                               @Param("like") String like, @Param("number") int number, Pageable page);
}
