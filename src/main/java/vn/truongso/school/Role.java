package vn.truongso.school;

/**
 * What a person does in TruongSo; one account may hold several (a head of group also teaches). Each role carries the
 * title as a Vietnamese signing block prints it (Decree 30/2020/NĐ-CP): "HIỆU TRƯỞNG", "PHÓ HIỆU TRƯỞNG", …
 */
public enum Role {
    /** giáo viên */
    TEACHER("GIÁO VIÊN"),
    /** tổ trưởng chuyên môn */
    HEAD("TỔ TRƯỞNG"),
    /** hiệu trưởng */
    PRINCIPAL("HIỆU TRƯỞNG"),
    /** phó hiệu trưởng: signs for the principal (ký thay, "KT.") while the principal's approvals are delegated */
    VICE_PRINCIPAL("PHÓ HIỆU TRƯỞNG"),
    /** văn thư */
    CLERK("VĂN THƯ"),
    /** chuyên viên of an education office */
    OFFICER("CHUYÊN VIÊN"),
    /** phụ huynh */
    PARENT("PHỤ HUYNH"),
    /** quản trị */
    ADMIN("QUẢN TRỊ VIÊN");

    private final String heading;

    Role(String heading) {
        this.heading = heading;
    }

    /** The title in capitals, as a signing block prints it, e.g. "PHÓ HIỆU TRƯỞNG". */
    public String heading() {
        return heading;
    }
}
