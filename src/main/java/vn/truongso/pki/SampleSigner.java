package vn.truongso.pki;

import java.util.List;

/**
 * A demo person who gets a sample signing certificate. Names, titles (chức vụ) and schools are those of the demo data
 * (school.DemoData), so a signature's "Ký bởi" matches the person who approved.
 */
record SampleSigner(String username, String fullName, String title, String school) {

    private static final String HOA_BINH = "Trường THCS Hòa Bình";
    private static final String AN_PHU = "Trường THCS An Phú";
    private static final String HEAD_KHTN = "Tổ trưởng tổ Khoa học tự nhiên";

    static final List<SampleSigner> ALL = List.of(
            new SampleSigner("gv.lan", "Nguyễn Thị Lan", "Giáo viên", HOA_BINH),
            new SampleSigner("tt.hung", "Lê Văn Hùng", HEAD_KHTN, HOA_BINH),
            new SampleSigner("ht.mai", "Phạm Thị Mai", "Hiệu trưởng", HOA_BINH),
            new SampleSigner("vt.hoa", "Đỗ Thị Hoa", "Văn thư", HOA_BINH),
            new SampleSigner("gv.tuan", "Hoàng Minh Tuấn", "Giáo viên", AN_PHU),
            new SampleSigner("tt.linh", "Vũ Thùy Linh", HEAD_KHTN, AN_PHU),
            new SampleSigner("ht.son", "Bùi Văn Sơn", "Hiệu trưởng", AN_PHU),
            new SampleSigner("vt.thu", "Ngô Thị Thu", "Văn thư", AN_PHU));
}
