package vn.truongso.paperless;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The CSV export against spreadsheet formula injection (OWASP "CSV injection"). */
class PaperlessCsvTest {

    private static PaperlessFigures.Figure figure(String key, Double value, String note) {
        return new PaperlessFigures.Figure(key, "Số hồ sơ", "COUNT", value, null, null, null, null, null, note);
    }

    private static PaperlessFigures.Group group(String code, String name, Double value, String note) {
        return new PaperlessFigures.Group(code, name, List.of(figure("instances", value, note)));
    }

    @Test
    void textCellsThatASpreadsheetWouldRunAsAFormulaAreNeutralised() {
        PaperlessFigures.Summary s = new PaperlessFigures.Summary(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 1, 31),
                new PaperlessFigures.Scope("OFFICE", "VHXH-HB", "Phòng VHXH"), group("ALL", "Tổng hợp", 3.0, null),
                List.of(), "TEACHER", List.of(
                        group("gv.x", "=HYPERLINK(\"http://x\",\"Bấm\")", 1.0, null),
                        group("gv.y", "+1+1", 2.0, null),
                        group("gv.z", "-2+3", null, "@SUM(A1)"),
                        group("gv.t", "\tTab", 4.0, null),
                        group("gv.r", "\rXuống dòng", 5.0, null),
                        group("gv.n", "Nguyễn Văn Bình", 6.0, null)), null);

        String csv = new String(PaperlessService.csv(s), StandardCharsets.UTF_8);

        assertThat(csv).contains("\"'=HYPERLINK(\"\"http://x\"\",\"\"Bấm\"\")\"", "'+1+1", "'-2+3", "'@SUM(A1)",
                "'\tTab", "\"'\rXuống dòng\"", ",Nguyễn Văn Bình,");
        // Numbers we computed stay numbers.
        assertThat(csv).contains("Nguyễn Văn Bình,2026-01-01,2026-01-31,6");
        for (String line : csv.substring(1).split("\r\n")) {
            for (String cell : line.split(",")) {
                assertThat(cell).doesNotStartWith("=").doesNotStartWith("+").doesNotStartWith("@");
            }
        }
    }
}
