package vn.truongso.enrolment;

/** A child's gender as the personal ID number encodes it. */
public enum Gender {
    MALE("Nam"),
    FEMALE("Nữ");

    private final String label;

    Gender(String label) {
        this.label = label;
    }

    /** The Vietnamese word, as written on papers. */
    public String label() {
        return label;
    }
}
