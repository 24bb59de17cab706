package vn.truongso.school;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A school or an education office; offices form a tree above the schools. */
@Entity
@Table(name = "organisation")
class Organisation {

    @Id
    private String code;
    private String name;
    /** One of the configured kinds ({@code truongso.organisation.kinds}). */
    private String kind;
    @Column(name = "parent_code")
    private String parentCode;

    protected Organisation() {
    }

    Organisation(String code, String name, String kind, String parentCode) {
        this.code = code;
        this.name = name;
        this.kind = kind;
        this.parentCode = parentCode;
    }

    String getCode() {
        return code;
    }

    String getName() {
        return name;
    }

    String getKind() {
        return kind;
    }

    String getParentCode() {
        return parentCode;
    }
}
