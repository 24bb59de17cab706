package vn.truongso.enrolment;

import java.time.LocalDate;
import java.util.Set;
import vn.truongso.common.ApiException;

/**
 * A 12-digit personal ID number (số định danh cá nhân, the number on the căn cước), as the Ministry of Public Security
 * lays it out: 3 digits province of birth registration, 1 digit century and gender, 2 digits year of birth, 6 random
 * digits. The century-and-gender digit is 0/1 for a boy/girl born in the 1900s, 2/3 in the 2000s, 4/5 in the 2100s,
 * and so on. Checked against the child's birth date and gender; every refusal says in Vietnamese which part is wrong.
 */
public record PersonalId(String value) {

    /**
     * The provinces' codes (001 Hà Nội … 096 Cà Mau) used in personal ID numbers: the 63 provincial codes before the
     * 2025 merger. Numbers already issued keep them, and the merged provinces kept codes from this list.
     */
    static final Set<String> PROVINCE_CODES = Set.of(
            "001", "002", "004", "006", "008", "010", "011", "012", "014", "015", "017", "019", "020", "022", "024",
            "025", "026", "027", "030", "031", "033", "034", "035", "036", "037", "038", "040", "042", "044", "045",
            "046", "048", "049", "051", "052", "054", "056", "058", "060", "062", "064", "066", "067", "068", "070",
            "072", "074", "075", "077", "079", "080", "082", "083", "084", "086", "087", "089", "091", "092", "093",
            "094", "095", "096");

    static final String CODE = "PERSONAL_ID_INVALID";

    public PersonalId {
        checkFormat(value);
    }

    /** Reads a number (spaces allowed between groups) and checks it against the child's birth date and gender. */
    public static PersonalId of(String number, LocalDate birthDate, Gender gender) {
        PersonalId id = new PersonalId(number == null ? null : number.replaceAll("\\s+", ""));
        if (birthDate == null || gender == null) {
            throw ApiException.badRequest(CODE, "Cần có ngày sinh và giới tính của trẻ để kiểm tra số định danh cá nhân.");
        }
        int year = birthDate.getYear();
        if (year < 1900 || year > 2399) {
            throw ApiException.badRequest(CODE, "Năm sinh " + year + " nằm ngoài phạm vi của số định danh cá nhân.");
        }
        int digit = id.value.charAt(3) - '0';
        int century = (year / 100) - 19;
        if (digit / 2 != century) {
            throw ApiException.badRequest(CODE, "Chữ số thứ 4 của số định danh cá nhân (" + digit
                    + ") không khớp với thế kỷ của năm sinh " + year + ".");
        }
        Gender encoded = digit % 2 == 0 ? Gender.MALE : Gender.FEMALE;
        if (encoded != gender) {
            throw ApiException.badRequest(CODE, "Chữ số thứ 4 của số định danh cá nhân (" + digit + ") là của giới tính "
                    + encoded.label() + ", không khớp với giới tính " + gender.label() + " đã khai.");
        }
        String yy = String.format("%02d", year % 100);
        if (!id.value.substring(4, 6).equals(yy)) {
            throw ApiException.badRequest(CODE, "Chữ số thứ 5 và 6 của số định danh cá nhân (" + id.value.substring(4, 6)
                    + ") phải là hai số cuối của năm sinh (" + yy + ").");
        }
        return id;
    }

    /** The province code (first 3 digits). */
    public String provinceCode() {
        return value.substring(0, 3);
    }

    private static void checkFormat(String value) {
        if (value == null || value.isBlank()) {
            throw ApiException.badRequest(CODE, "Vui lòng nhập số định danh cá nhân (12 chữ số) của trẻ.");
        }
        if (value.length() != 12 || !value.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw ApiException.badRequest(CODE, "Số định danh cá nhân phải gồm đúng 12 chữ số (hiện có "
                    + value.length() + " ký tự" + (value.chars().allMatch(c -> c >= '0' && c <= '9') ? "" : ", có ký tự không phải chữ số")
                    + ").");
        }
        if (!PROVINCE_CODES.contains(value.substring(0, 3))) {
            throw ApiException.badRequest(CODE, "Ba chữ số đầu của số định danh cá nhân (" + value.substring(0, 3)
                    + ") không phải mã tỉnh, thành phố hợp lệ.");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
