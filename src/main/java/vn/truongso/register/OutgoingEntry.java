package vn.truongso.register;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** One line of the outgoing register (sổ văn bản đi). Never changed once written. */
@Entity
@Table(name = "outgoing_register_entry")
class OutgoingEntry {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    @Column(name = "organisation_code")
    private String organisationCode;
    @Column(name = "register_year")
    private int year;
    @Column(name = "entry_number")
    private int number;
    @Column(name = "type_code")
    private String typeCode;
    @Column(name = "unit_code")
    private String unitCode;
    private String symbol;
    @Column(name = "document_id")
    private UUID documentId;
    @Column(name = "document_version")
    private Integer documentVersion;
    private String title;
    private String signer;
    private String recipients;
    @Column(name = "issued_by")
    private String issuedBy;
    @Column(name = "issued_at")
    private Instant issuedAt;
    /** Symbol, title, signer and recipients folded for accent-insensitive search. */
    @Column(name = "search_text")
    private String searchText;

    protected OutgoingEntry() {
    }

    OutgoingEntry(String organisationCode, int year, int number, String typeCode, String unitCode, String symbol,
                  UUID documentId, Integer documentVersion, String title, String signer, String recipients,
                  String issuedBy, Instant issuedAt) {
        this.organisationCode = organisationCode;
        this.year = year;
        this.number = number;
        this.typeCode = typeCode;
        this.unitCode = unitCode;
        this.symbol = symbol;
        this.documentId = documentId;
        this.documentVersion = documentVersion;
        this.title = title;
        this.signer = signer;
        this.recipients = recipients;
        this.issuedBy = issuedBy;
        this.issuedAt = issuedAt;
        this.searchText = vn.truongso.common.TextFolding.searchText(2000, symbol, title, signer, recipients);
    }

    Long getId() {
        return id;
    }

    String getOrganisationCode() {
        return organisationCode;
    }

    int getYear() {
        return year;
    }

    int getNumber() {
        return number;
    }

    String getTypeCode() {
        return typeCode;
    }

    String getUnitCode() {
        return unitCode;
    }

    String getSymbol() {
        return symbol;
    }

    UUID getDocumentId() {
        return documentId;
    }

    Integer getDocumentVersion() {
        return documentVersion;
    }

    String getTitle() {
        return title;
    }

    String getSigner() {
        return signer;
    }

    String getRecipients() {
        return recipients;
    }

    String getIssuedBy() {
        return issuedBy;
    }

    Instant getIssuedAt() {
        return issuedAt;
    }
}
