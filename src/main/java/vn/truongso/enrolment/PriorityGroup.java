package vn.truongso.enrolment;

import java.util.Collection;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import vn.truongso.common.ApiException;

/**
 * The circumstances a parent may declare (field {@code priorityGroups}). Which of them give points and which allow an
 * older or younger starting age is decided by bpmn/enrolment-eligibility.dmn, not here; a test checks that the table
 * knows every code.
 */
public enum PriorityGroup {
    CON_LIET_SI("Con liệt sĩ"),
    CON_THUONG_BINH("Con thương binh"),
    DAN_TOC_THIEU_SO("Người dân tộc thiểu số"),
    HO_NGHEO("Thuộc hộ nghèo"),
    KHUYET_TAT("Trẻ khuyết tật"),
    MO_COI("Trẻ mồ côi không nơi nương tựa"),
    VE_NUOC("Trẻ ở nước ngoài về nước"),
    LUU_BAN("Học sinh lưu ban ở tiểu học"),
    HOC_VUOT_LOP("Học sinh đã học vượt lớp ở tiểu học");

    private final String label;

    PriorityGroup(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** Reads the codes a parent sent; an unknown one is refused with the list of valid codes. */
    public static Set<PriorityGroup> parse(Collection<String> codes) {
        Set<PriorityGroup> groups = EnumSet.noneOf(PriorityGroup.class);
        if (codes == null) {
            return groups;
        }
        for (String code : codes) {
            String normalised = code == null ? "" : code.strip().toUpperCase(Locale.ROOT);
            try {
                groups.add(valueOf(normalised));
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest("PRIORITY_GROUP_UNKNOWN",
                        "Diện ưu tiên không hợp lệ: \"" + code + "\". Các mã hợp lệ: "
                                + String.join(", ", EnumSet.allOf(PriorityGroup.class).stream().map(Enum::name).toList())
                                + ".");
            }
        }
        return groups;
    }
}
