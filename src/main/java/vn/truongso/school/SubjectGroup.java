package vn.truongso.school;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** Tổ chuyên môn: the teachers of related subjects in one school, led by a head (tổ trưởng). */
@Entity
@Table(name = "subject_group")
class SubjectGroup {

    @Id
    private String id;
    @Column(name = "school_code")
    private String schoolCode;
    private String name;

    protected SubjectGroup() {
    }

    SubjectGroup(String id, String schoolCode, String name) {
        this.id = id;
        this.schoolCode = schoolCode;
        this.name = name;
    }

    String getId() {
        return id;
    }

    String getSchoolCode() {
        return schoolCode;
    }

    String getName() {
        return name;
    }
}
