package vn.truongso.enrolment;

/** The papers an application carries, each a document of kind APPLICATION_PAPER uploaded beforehand. */
public enum PaperKind {
    BIRTH_CERTIFICATE("Giấy khai sinh"),
    RESIDENCE_CONFIRMATION("Giấy xác nhận thông tin cư trú"),
    PRIORITY_PROOF("Giấy tờ chứng minh diện ưu tiên");

    private final String label;

    PaperKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
