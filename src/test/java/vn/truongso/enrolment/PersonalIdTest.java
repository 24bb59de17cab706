package vn.truongso.enrolment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import vn.truongso.common.ApiException;

class PersonalIdTest {

    static final LocalDate BORN_2020 = LocalDate.of(2020, 3, 14);

    static void refused(String number, LocalDate birthDate, Gender gender, String messageContains) {
        assertThatThrownBy(() -> PersonalId.of(number, birthDate, gender))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.code()).isEqualTo("PERSONAL_ID_INVALID");
                    assertThat(e.status().value()).isEqualTo(400);
                    assertThat(e.getMessage()).contains(messageContains);
                });
    }

    @Test
    void acceptsNumbersThatMatchBirthYearAndGender() {
        // Hà Nội, boy born 2020.
        assertThat(PersonalId.of("001220012345", BORN_2020, Gender.MALE).value()).isEqualTo("001220012345");
        // TP Hồ Chí Minh, girl born 2020; spaces between groups are allowed.
        PersonalId girl = PersonalId.of("079 3 20 000001", BORN_2020, Gender.FEMALE);
        assertThat(girl.value()).isEqualTo("079320000001");
        assertThat(girl.provinceCode()).isEqualTo("079");
        // Cà Mau, boy born 2015; a parent born 1985 in Đà Nẵng (20th century, female).
        assertThat(PersonalId.of("096215999999", LocalDate.of(2015, 12, 31), Gender.MALE).provinceCode()).isEqualTo("096");
        assertThat(PersonalId.of("048185123456", LocalDate.of(1985, 1, 1), Gender.FEMALE).value()).startsWith("048");
        // Born 2000: year digits 00.
        assertThat(PersonalId.of("001200000000", LocalDate.of(2000, 6, 1), Gender.MALE).value()).isNotNull();
    }

    @Test
    void refusesAMissingNumber() {
        refused(null, BORN_2020, Gender.MALE, "Vui lòng nhập số định danh cá nhân");
        refused("   ", BORN_2020, Gender.MALE, "Vui lòng nhập số định danh cá nhân");
    }

    @Test
    void refusesTheWrongLength() {
        refused("00122001234", BORN_2020, Gender.MALE, "đúng 12 chữ số");
        refused("0012200123456", BORN_2020, Gender.MALE, "đúng 12 chữ số");
        // The old 9-digit chứng minh nhân dân number is not a personal ID.
        refused("012345678", BORN_2020, Gender.MALE, "hiện có 9 ký tự");
    }

    @Test
    void refusesLetters() {
        refused("00122001234A", BORN_2020, Gender.MALE, "không phải chữ số");
        refused("001-22-001234", BORN_2020, Gender.MALE, "đúng 12 chữ số");
    }

    @Test
    void refusesProvinceCodesThatDoNotExist() {
        refused("000220012345", BORN_2020, Gender.MALE, "(000) không phải mã tỉnh");
        refused("003220012345", BORN_2020, Gender.MALE, "(003) không phải mã tỉnh");
        refused("097220012345", BORN_2020, Gender.MALE, "(097) không phải mã tỉnh");
        refused("999220012345", BORN_2020, Gender.MALE, "(999) không phải mã tỉnh");
    }

    @Test
    void refusesACenturyDigitThatDoesNotMatchTheBirthYear() {
        // 0 = born in the 1900s, but the child was born in 2020.
        refused("001020012345", BORN_2020, Gender.MALE, "thế kỷ của năm sinh 2020");
        refused("001420012345", BORN_2020, Gender.MALE, "thế kỷ");
    }

    @Test
    void refusesAGenderDigitThatDoesNotMatchTheGender() {
        refused("001320012345", BORN_2020, Gender.MALE, "giới tính Nữ, không khớp với giới tính Nam");
        refused("001220012345", BORN_2020, Gender.FEMALE, "giới tính Nam, không khớp với giới tính Nữ");
    }

    @Test
    void refusesYearDigitsThatDoNotMatchTheBirthYear() {
        refused("001221012345", BORN_2020, Gender.MALE, "(21) phải là hai số cuối của năm sinh (20)");
        refused("001303012345", LocalDate.of(2002, 1, 1), Gender.FEMALE, "(03) phải là hai số cuối của năm sinh (02)");
    }

    @Test
    void needsTheBirthDateAndGenderToCheck() {
        refused("001220012345", null, Gender.MALE, "ngày sinh và giới tính");
        refused("001220012345", BORN_2020, null, "ngày sinh và giới tính");
    }
}
