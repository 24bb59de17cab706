package vn.truongso.school;

/** What a person does in TruongSo; one account may hold several (a head of group also teaches). */
public enum Role {
    /** giáo viên */
    TEACHER,
    /** tổ trưởng chuyên môn */
    HEAD,
    /** hiệu trưởng / phó hiệu trưởng */
    PRINCIPAL,
    /** văn thư */
    CLERK,
    /** chuyên viên of an education office */
    OFFICER,
    /** phụ huynh */
    PARENT,
    /** quản trị */
    ADMIN
}
