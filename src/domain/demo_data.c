/*
** The demo city as data (see demo_data.h): an invented Móng Cái-like city
** (DEMO.md). Every person is invented; places and organization names are the
** usual ones of such a city.
*/
#include "domain/demo_data.h"
#include <string.h>

/* --- Majors per kind of work --- */
static const char *const M_PARTY[] = {"Xây dựng Đảng và chính quyền nhà nước", "Chính trị học", "Luật", "Hành chính học",
                                      "Triết học", NULL};
static const char *const M_GOV[] = {"Hành chính học", "Luật", "Kinh tế", "Quản lý nhà nước", "Quản trị kinh doanh", NULL};
static const char *const M_NV[] = {"Quản lý nhân lực", "Hành chính học", "Luật", NULL};
static const char *const M_TP[] = {"Luật", "Luật kinh tế", NULL};
static const char *const M_TCKH[] = {"Kế toán", "Tài chính – Ngân hàng", "Kinh tế", NULL};
static const char *const M_TNMT[] = {"Quản lý đất đai", "Khoa học môi trường", "Trắc địa – Bản đồ", NULL};
static const char *const M_LD[] = {"Công tác xã hội", "Quản lý nhân lực", "Luật", NULL};
static const char *const M_VH[] = {"Quản lý văn hóa", "Báo chí", "Công nghệ thông tin", NULL};
static const char *const M_GD[] = {"Sư phạm Toán", "Sư phạm Ngữ văn", "Quản lý giáo dục", NULL};
static const char *const M_YT[] = {"Y đa khoa", "Y tế công cộng", "Dược học", NULL};
static const char *const M_KT[] = {"Kinh tế nông nghiệp", "Quản trị kinh doanh", "Kinh tế đối ngoại", NULL};
static const char *const M_QLDT[] = {"Kỹ thuật xây dựng", "Kiến trúc", "Quy hoạch vùng và đô thị", NULL};
static const char *const M_TTRA[] = {"Luật", "Kế toán", "Kinh tế", NULL};
static const char *const M_MASS[] = {"Công tác xã hội", "Chính trị học", "Luật", "Kinh tế nông nghiệp", NULL};
static const char *const M_COMMUNE[] = {"Hành chính học", "Luật", "Quản lý đất đai", "Kế toán", "Kinh tế nông nghiệp",
                                        "Công tác xã hội", NULL};
const char *const demo_majors_general[] = {"Hành chính học", "Luật", "Kinh tế", NULL};

static const Major MAJORS[] = {
    {"Xây dựng Đảng và chính quyền nhà nước", "Học viện Chính trị quốc gia Hồ Chí Minh"},
    {"Chính trị học", "Học viện Báo chí và Tuyên truyền"},
    {"Triết học", "Trường Đại học Khoa học Xã hội và Nhân văn, Đại học Quốc gia Hà Nội"},
    {"Luật", "Trường Đại học Luật Hà Nội"},
    {"Luật kinh tế", "Trường Đại học Luật Hà Nội"},
    {"Hành chính học", "Học viện Hành chính Quốc gia"},
    {"Quản lý nhà nước", "Học viện Hành chính Quốc gia"},
    {"Kinh tế", "Trường Đại học Kinh tế Quốc dân"},
    {"Quản trị kinh doanh", "Trường Đại học Kinh tế Quốc dân"},
    {"Kinh tế đối ngoại", "Trường Đại học Ngoại thương"},
    {"Kinh tế nông nghiệp", "Học viện Nông nghiệp Việt Nam"},
    {"Kế toán", "Học viện Tài chính"},
    {"Tài chính – Ngân hàng", "Học viện Tài chính"},
    {"Quản lý nhân lực", "Trường Đại học Nội vụ Hà Nội"},
    {"Quản lý đất đai", "Trường Đại học Tài nguyên và Môi trường Hà Nội"},
    {"Khoa học môi trường", "Trường Đại học Tài nguyên và Môi trường Hà Nội"},
    {"Trắc địa – Bản đồ", "Trường Đại học Mỏ – Địa chất"},
    {"Công tác xã hội", "Trường Đại học Lao động – Xã hội"},
    {"Quản lý văn hóa", "Trường Đại học Văn hóa Hà Nội"},
    {"Báo chí", "Học viện Báo chí và Tuyên truyền"},
    {"Công nghệ thông tin", "Trường Đại học Bách khoa Hà Nội"},
    {"Sư phạm Toán", "Trường Đại học Sư phạm Hà Nội"},
    {"Sư phạm Ngữ văn", "Trường Đại học Hạ Long"},
    {"Quản lý giáo dục", "Trường Đại học Sư phạm Hà Nội"},
    {"Y đa khoa", "Trường Đại học Y Hà Nội"},
    {"Y tế công cộng", "Trường Đại học Y tế công cộng"},
    {"Dược học", "Trường Đại học Dược Hà Nội"},
    {"Kỹ thuật xây dựng", "Trường Đại học Xây dựng Hà Nội"},
    {"Kiến trúc", "Trường Đại học Kiến trúc Hà Nội"},
    {"Quy hoạch vùng và đô thị", "Trường Đại học Kiến trúc Hà Nội"},
    {"Quân sự cơ sở", "Trường Quân sự Quân khu 3"},
    {"Nghiệp vụ an ninh", "Học viện An ninh nhân dân"},
    {"Văn thư – Lưu trữ", "Trường Đại học Nội vụ Hà Nội"},
};

const char *demo_institution_for(const char *major) {
  for (size_t i = 0; i < sizeof MAJORS / sizeof MAJORS[0]; i++)
    if (strcmp(MAJORS[i].major, major) == 0) return MAJORS[i].institution;
  return "Trường Đại học Hạ Long";
}

/* --- Units: the city party committee, its organs, the government, mass organizations, 17 communes/wards. --- */
#define CITY(code, name, parent, kind, flags, w, maj) {code, name, parent, kind, flags, NULL, w, maj}
#define WARD(code, name, flags) {code, "Phường " name, "MC", UK_COMMUNE, UF_WARD | (flags), name, 4, M_COMMUNE}
#define XA(code, name, flags) {code, "Xã " name, "MC", UK_COMMUNE, (flags), name, 3, M_COMMUNE}
const DemoUnit demo_units[] = {
    CITY("MC", "Đảng bộ thành phố Móng Cái", NULL, UK_ROOT, 0, 0, M_PARTY),
    CITY("VPTU", "Văn phòng Thành ủy", "MC", UK_VP, UF_TREASURY, 5, M_PARTY),
    CITY("BTCTU", "Ban Tổ chức Thành ủy", "MC", UK_BAN, UF_PERSONNEL, 4, M_PARTY),
    CITY("BTGTU", "Ban Tuyên giáo Thành ủy", "MC", UK_BAN, 0, 3, M_PARTY),
    CITY("BDVTU", "Ban Dân vận Thành ủy", "MC", UK_BAN, 0, 3, M_PARTY),
    CITY("UBKTTU", "Ủy ban Kiểm tra Thành ủy", "MC", UK_UBKT, 0, 4, M_PARTY),
    CITY("TTCT", "Trung tâm Chính trị thành phố", "MC", UK_TTCT, 0, 3, M_PARTY),
    CITY("HDND", "Hội đồng nhân dân thành phố", "MC", UK_COUNCIL, 0, 0, M_GOV),
    CITY("UBND", "Ủy ban nhân dân thành phố", "MC", UK_PC, 0, 0, M_GOV),
    CITY("VPHU", "Văn phòng HĐND và UBND thành phố", "UBND", UK_VP, UF_TREASURY, 7, M_GOV),
    CITY("PNV", "Phòng Nội vụ", "UBND", UK_DEPT, UF_PERSONNEL, 4, M_NV),
    CITY("PTUP", "Phòng Tư pháp", "UBND", UK_DEPT, 0, 3, M_TP),
    CITY("PTCKH", "Phòng Tài chính – Kế hoạch", "UBND", UK_DEPT, 0, 5, M_TCKH),
    CITY("PTNMT", "Phòng Tài nguyên và Môi trường", "UBND", UK_DEPT, 0, 5, M_TNMT),
    CITY("PLDTBXH", "Phòng Lao động – Thương binh và Xã hội", "UBND", UK_DEPT, 0, 4, M_LD),
    CITY("PVHTT", "Phòng Văn hóa và Thông tin", "UBND", UK_DEPT, 0, 3, M_VH),
    CITY("PGDDT", "Phòng Giáo dục và Đào tạo", "UBND", UK_DEPT, 0, 5, M_GD),
    CITY("PYT", "Phòng Y tế", "UBND", UK_DEPT, 0, 3, M_YT),
    CITY("TTRA", "Thanh tra thành phố", "UBND", UK_TTRA, 0, 4, M_TTRA),
    CITY("PKT", "Phòng Kinh tế", "UBND", UK_DEPT, 0, 4, M_KT),
    CITY("PQLDT", "Phòng Quản lý đô thị", "UBND", UK_DEPT, 0, 5, M_QLDT),
    CITY("MTTQ", "Ủy ban Mặt trận Tổ quốc Việt Nam thành phố", "MC", UK_MTTQ, 0, 3, M_MASS),
    CITY("HND", "Hội Nông dân thành phố", "MC", UK_MASS, 0, 2, M_MASS),
    CITY("HLHPN", "Hội Liên hiệp Phụ nữ thành phố", "MC", UK_MASS, UF_WOMEN, 2, M_MASS),
    CITY("DTN", "Thành đoàn Móng Cái", "MC", UK_DOAN, 0, 2, M_MASS),
    CITY("HCCB", "Hội Cựu chiến binh thành phố", "MC", UK_MASS, 0, 2, M_MASS),
    CITY("LDLD", "Liên đoàn Lao động thành phố", "MC", UK_MASS, 0, 2, M_MASS),
    WARD("KL", "Ka Long", 0),
    WARD("TP", "Trần Phú", 0),
    WARD("HL", "Hòa Lạc", 0),
    WARD("ND", "Ninh Dương", 0),
    WARD("HH", "Hải Hòa", 0),
    WARD("HY", "Hải Yên", 0),
    WARD("TC", "Trà Cổ", 0),
    WARD("BN", "Bình Ngọc", 0),
    XA("HX", "Hải Xuân", 0),
    XA("HD", "Hải Đông", 0),
    XA("HT", "Hải Tiến", 0),
    XA("HS", "Hải Sơn", UF_HIGHLAND),
    XA("QN", "Quảng Nghĩa", UF_HIGHLAND),
    XA("BS", "Bắc Sơn", UF_HIGHLAND),
    XA("VN", "Vạn Ninh", 0),
    XA("VT", "Vĩnh Trung", 0),
    XA("VTH", "Vĩnh Thực", 0),
};
const int demo_n_units = (int)(sizeof demo_units / sizeof demo_units[0]);

/* --- Titles. Columns: code, name, level, category, rank, function, min LLCT/QLNN/degree, max age at first
** appointment, previous post, home unit kinds, class, decision kind, typical major. --- */
#define B UK_BIT
#define D "district"
#define X "commune"
#define CS "cao_cap", "chuyen_vien_chinh", "dai_hoc"
#define TS "trung_cap", "chuyen_vien", "dai_hoc"
const DemoTitle demo_titles[] = {
    {"BT_TU", "Bí thư Thành ủy", D, "key", 100, "party_secretary", CS, 0, "PBT_TU", B(UK_ROOT), TC_KEY, DK_PARTY, NULL},
    {"PBT_TU", "Phó Bí thư Thành ủy", D, "key", 95, "party_deputy_secretary", CS, 0, "TRUONG_BAN", B(UK_ROOT), TC_KEY, DK_PARTY, NULL},
    {"CT_UBND_TP", "Chủ tịch UBND thành phố", D, "key", 94, "pc_chairman", CS, 0, "PCT_UBND_TP", B(UK_PC), TC_KEY, DK_COUNCIL, NULL},
    {"CT_HDND_TP", "Chủ tịch HĐND thành phố", D, "key", 93, "council_chairman", CS, 0, "TRUONG_BAN", B(UK_COUNCIL), TC_KEY, DK_COUNCIL, NULL},
    {"UV_BTV_TU", "Ủy viên Ban Thường vụ Thành ủy", D, "standing", 88, "other", CS, 0, "UV_BCH_TU", B(UK_ROOT), TC_LEADER, DK_PARTY, NULL},
    {"PCT_UBND_TP", "Phó Chủ tịch UBND thành phố", D, "leader", 85, "pc_vice_chairman", CS, 0, "TRUONG_PHONG", B(UK_PC), TC_LEADER, DK_COUNCIL, NULL},
    {"PCT_HDND_TP", "Phó Chủ tịch HĐND thành phố", D, "leader", 84, "deputy_head", CS, 0, "CHANH_VP", B(UK_COUNCIL), TC_LEADER, DK_COUNCIL, NULL},
    {"CN_UBKT", "Chủ nhiệm Ủy ban Kiểm tra Thành ủy", D, "leader", 80, "head", CS, 0, "PCN_UBKT", B(UK_UBKT), TC_LEADER, DK_PARTY, NULL},
    {"TRUONG_BAN", "Trưởng ban (Thành ủy)", D, "leader", 78, "head", CS, 0, "PHO_BAN", B(UK_BAN), TC_LEADER, DK_PARTY, NULL},
    {"CT_MTTQ_TP", "Chủ tịch Ủy ban MTTQ thành phố", D, "leader", 77, "head", CS, 0, "PCT_MTTQ_TP", B(UK_MTTQ), TC_LEADER, DK_PARTY, NULL},
    {"UV_BCH_TU", "Ủy viên Ban Chấp hành Đảng bộ thành phố", D, "committee", 75, "other", TS, 0, "TRUONG_PHONG", B(UK_ROOT), TC_LEADER, DK_PARTY, NULL},
    {"CHANH_VP", "Chánh Văn phòng", D, "leader", 72, "head", TS, 0, "PHO_CVP", B(UK_VP), TC_LEADER, DK_PARTY, NULL},
    {"TRUONG_PHONG", "Trưởng phòng", D, "leader", 70, "head", TS, 0, "PHO_PHONG", B(UK_DEPT), TC_LEADER, DK_GOV, NULL},
    {"CHANH_TTRA", "Chánh Thanh tra thành phố", D, "leader", 70, "head", TS, 0, "PHO_CTTRA", B(UK_TTRA), TC_LEADER, DK_GOV, NULL},
    {"GD_TTCT", "Giám đốc Trung tâm Chính trị", D, "leader", 68, "head", TS, 0, "PGD_TTCT", B(UK_TTCT), TC_LEADER, DK_PARTY, NULL},
    {"CT_HOI", "Chủ tịch hội, đoàn thể thành phố", D, "leader", 66, "head", TS, 0, "PCT_HOI", B(UK_MASS), TC_LEADER, DK_PARTY, NULL},
    {"BT_TD", "Bí thư Thành đoàn", D, "leader", 66, "head", TS, 0, "PBT_TD", B(UK_DOAN), TC_LEADER, DK_PARTY, NULL},
    {"PHO_BAN", "Phó Trưởng ban (Thành ủy)", D, "leader", 62, "deputy_head", TS, 0, "CHUYEN_VIEN", B(UK_BAN), TC_LEADER, DK_PARTY, NULL},
    {"PCN_UBKT", "Phó Chủ nhiệm Ủy ban Kiểm tra Thành ủy", D, "leader", 62, "deputy_head", TS, 0, "CHUYEN_VIEN", B(UK_UBKT), TC_LEADER, DK_PARTY, NULL},
    {"PCT_MTTQ_TP", "Phó Chủ tịch Ủy ban MTTQ thành phố", D, "leader", 60, "deputy_head", TS, 0, "CHUYEN_VIEN", B(UK_MTTQ), TC_LEADER, DK_PARTY, NULL},
    {"PHO_CVP", "Phó Chánh Văn phòng", D, "leader", 58, "deputy_head", TS, 0, "CHUYEN_VIEN", B(UK_VP), TC_LEADER, DK_PARTY, NULL},
    {"PHO_PHONG", "Phó Trưởng phòng", D, "leader", 56, "deputy_head", TS, 0, "CHUYEN_VIEN", B(UK_DEPT), TC_LEADER, DK_GOV, NULL},
    {"PHO_CTTRA", "Phó Chánh Thanh tra thành phố", D, "leader", 56, "deputy_head", TS, 0, "CHUYEN_VIEN", B(UK_TTRA), TC_LEADER, DK_GOV, NULL},
    {"PGD_TTCT", "Phó Giám đốc Trung tâm Chính trị", D, "leader", 55, "deputy_head", TS, 0, "CHUYEN_VIEN", B(UK_TTCT), TC_LEADER, DK_PARTY, NULL},
    {"PCT_HOI", "Phó Chủ tịch hội, đoàn thể thành phố", D, "leader", 54, "deputy_head", TS, 0, "CHUYEN_VIEN", B(UK_MASS), TC_LEADER, DK_PARTY, NULL},
    {"PBT_TD", "Phó Bí thư Thành đoàn", D, "leader", 54, "deputy_head", TS, 0, "CHUYEN_VIEN", B(UK_DOAN), TC_LEADER, DK_PARTY, NULL},
    {"CV_TCCB", "Chuyên viên tổ chức cán bộ", D, "other", 25, "personnel", NULL, "chuyen_vien", "dai_hoc", 0, "CHUYEN_VIEN", B(UK_BAN) | B(UK_DEPT), TC_STAFF, DK_GOV, "Quản lý nhân lực"},
    {"KE_TOAN", "Kế toán", D, "other", 22, "accounting", NULL, "chuyen_vien", "dai_hoc", 0, "CHUYEN_VIEN", UK_CITY_STAFF, TC_STAFF, DK_GOV, "Kế toán"},
    {"THU_QUY", "Thủ quỹ", D, "other", 18, "treasurer", NULL, NULL, "trung_cap", 0, "CHUYEN_VIEN", B(UK_VP), TC_STAFF, DK_GOV, "Kế toán"},
    {"CHUYEN_VIEN", "Chuyên viên", D, "other", 20, "other", NULL, "chuyen_vien", "dai_hoc", 0, "CHUYEN_VIEN", UK_CITY_STAFF, TC_STAFF, DK_GOV, NULL},
    {"BT_DU", "Bí thư Đảng ủy xã, phường", X, "key", 50, "party_secretary", "trung_cap", NULL, "trung_cap", 45, "PBT_DU", B(UK_COMMUNE), TC_KEY, DK_PARTY, NULL},
    {"CT_UBND_XA", "Chủ tịch UBND xã, phường", X, "key", 48, "pc_chairman", "trung_cap", "chuyen_vien", "trung_cap", 45, "PCT_UBND_XA", B(UK_COMMUNE), TC_KEY, DK_COUNCIL, NULL},
    {"PBT_DU", "Phó Bí thư Đảng ủy xã, phường", X, "key", 47, "party_deputy_secretary", "trung_cap", NULL, "trung_cap", 45, "PCT_UBND_XA", B(UK_COMMUNE), TC_KEY, DK_PARTY, NULL},
    {"CT_HDND_XA", "Chủ tịch HĐND xã, phường", X, "key", 46, "council_chairman", "trung_cap", NULL, "trung_cap", 45, "PCT_HDND_XA", B(UK_COMMUNE), TC_KEY, DK_COUNCIL, NULL},
    {"UV_BTV_DU", "Ủy viên Ban Thường vụ Đảng ủy xã, phường", X, "standing", 42, "other", "trung_cap", NULL, "trung_cap", 0, "UV_BCH_DU", B(UK_COMMUNE), TC_LEADER, DK_PARTY, NULL},
    {"PCT_UBND_XA", "Phó Chủ tịch UBND xã, phường", X, "leader", 40, "pc_vice_chairman", "trung_cap", "chuyen_vien", "trung_cap", 0, "CC_DC", B(UK_COMMUNE), TC_LEADER, DK_COUNCIL, NULL},
    {"PCT_HDND_XA", "Phó Chủ tịch HĐND xã, phường", X, "leader", 38, "deputy_head", "trung_cap", NULL, "trung_cap", 0, "CC_VPTK", B(UK_COMMUNE), TC_LEADER, DK_COUNCIL, NULL},
    {"CT_MTTQ_XA", "Chủ tịch Ủy ban MTTQ xã, phường", X, "leader", 37, "head", "trung_cap", NULL, "trung_cap", 0, "CT_HOI_XA", B(UK_COMMUNE), TC_LEADER, DK_PARTY, NULL},
    {"UV_BCH_DU", "Ủy viên Ban Chấp hành Đảng bộ xã, phường", X, "committee", 35, "other", "so_cap", NULL, NULL, 0, "KCT_XA", B(UK_COMMUNE), TC_LEADER, DK_PARTY, NULL},
    {"CHT_QS", "Chỉ huy trưởng Ban Chỉ huy Quân sự", X, "leader", 32, "head", "so_cap", NULL, "trung_cap", 0, "KCT_XA", B(UK_COMMUNE), TC_LEADER, DK_GOV, "Quân sự cơ sở"},
    {"TRUONG_CA", "Trưởng Công an xã, phường", X, "leader", 32, "head", "so_cap", NULL, "trung_cap", 0, "KCT_XA", B(UK_COMMUNE), TC_LEADER, DK_GOV, "Nghiệp vụ an ninh"},
    {"CT_HOI_XA", "Chủ tịch hội, đoàn thể xã, phường", X, "leader", 30, "head", "so_cap", NULL, "trung_cap", 0, "KCT_XA", B(UK_COMMUNE), TC_LEADER, DK_PARTY, NULL},
    {"CC_VPTK", "Công chức Văn phòng – Thống kê", X, "other", 20, "other", NULL, NULL, "trung_cap", 0, "KCT_XA", B(UK_COMMUNE), TC_STAFF, DK_GOV, "Văn thư – Lưu trữ"},
    {"CC_DC", "Công chức Địa chính – Xây dựng", X, "other", 20, "other", NULL, NULL, "trung_cap", 0, "KCT_XA", B(UK_COMMUNE), TC_STAFF, DK_GOV, "Quản lý đất đai"},
    {"CC_TP", "Công chức Tư pháp – Hộ tịch", X, "other", 20, "other", NULL, NULL, "trung_cap", 0, "KCT_XA", B(UK_COMMUNE), TC_STAFF, DK_GOV, "Luật"},
    {"CC_TCKT", "Công chức Tài chính – Kế toán", X, "other", 20, "accounting", NULL, NULL, "trung_cap", 0, "KCT_XA", B(UK_COMMUNE), TC_STAFF, DK_GOV, "Kế toán"},
    {"CC_VHXH", "Công chức Văn hóa – Xã hội", X, "other", 20, "other", NULL, NULL, "trung_cap", 0, "KCT_XA", B(UK_COMMUNE), TC_STAFF, DK_GOV, "Công tác xã hội"},
    {"KCT_XA", "Người hoạt động không chuyên trách cấp xã", X, "other", 10, "other", NULL, NULL, NULL, 0, "KCT_XA", B(UK_COMMUNE), TC_STAFF, DK_GOV, NULL},
};
#undef B
#undef D
#undef X
#undef CS
#undef TS
const int demo_n_titles = (int)(sizeof demo_titles / sizeof demo_titles[0]);

int demo_title_index(const char *code) {
  for (int i = 0; i < demo_n_titles; i++)
    if (strcmp(demo_titles[i].code, code) == 0) return i;
  return 0; /* unreachable for the codes of this file */
}

/* --- Seat plan per kind of unit. The commune plan has 24 seats (HX, the viewer's commune, gets them all first). --- */
const SeatSpec demo_seat_specs[] = {
    {UK_ROOT, "BT_TU", 1, 0, 0},       {UK_ROOT, "PBT_TU", 1, 0, 0},
    {UK_PC, "CT_UBND_TP", 1, 0, 0},    {UK_COUNCIL, "CT_HDND_TP", 1, 0, 0},
    {UK_COMMUNE, "BT_DU", 1, 0, 0},    {UK_COMMUNE, "CT_UBND_XA", 1, 0, 0},
    {UK_COMMUNE, "PBT_DU", 1, 0, 0},   {UK_COMMUNE, "CT_HDND_XA", 1, 0, 0},
    {UK_PC, "PCT_UBND_TP", 3, 1, 0},   {UK_COUNCIL, "PCT_HDND_TP", 1, 1, 0},
    {UK_BAN, "TRUONG_BAN", 1, 1, 0},   {UK_VP, "CHANH_VP", 1, 1, 0},
    {UK_UBKT, "CN_UBKT", 1, 1, 0},     {UK_TTCT, "GD_TTCT", 1, 1, 0},
    {UK_DEPT, "TRUONG_PHONG", 1, 1, 0}, {UK_TTRA, "CHANH_TTRA", 1, 1, 0},
    {UK_MTTQ, "CT_MTTQ_TP", 1, 1, 0},  {UK_MASS, "CT_HOI", 1, 1, 0},
    {UK_DOAN, "BT_TD", 1, 1, 0},       {UK_COMMUNE, "PCT_UBND_XA", 2, 1, 0},
    {UK_COMMUNE, "CT_MTTQ_XA", 1, 1, 0},
    {UK_BAN, "PHO_BAN", 2, 2, 0},      {UK_VP, "PHO_CVP", 2, 2, 0},
    {UK_UBKT, "PCN_UBKT", 2, 2, 0},    {UK_TTCT, "PGD_TTCT", 1, 2, 0},
    {UK_DEPT, "PHO_PHONG", 2, 2, 0},   {UK_TTRA, "PHO_CTTRA", 2, 2, 0},
    {UK_MTTQ, "PCT_MTTQ_TP", 2, 2, 0}, {UK_MASS, "PCT_HOI", 1, 2, 0},
    {UK_DOAN, "PBT_TD", 1, 2, 0},      {UK_COMMUNE, "PCT_HDND_XA", 1, 2, 0},
    {UK_COMMUNE, "CHT_QS", 1, 2, 0},   {UK_COMMUNE, "TRUONG_CA", 1, 2, 0},
    {UK_COMMUNE, "CC_VPTK", 2, 2, 0},  {UK_COMMUNE, "CC_DC", 2, 2, 0},
    {UK_COMMUNE, "CC_TCKT", 1, 2, 0},
    {UK_VP, "KE_TOAN", 1, 3, 0},       {UK_BAN, "KE_TOAN", 1, 3, 0},
    {UK_UBKT, "KE_TOAN", 1, 3, 0},     {UK_TTCT, "KE_TOAN", 1, 3, 0},
    {UK_DEPT, "KE_TOAN", 1, 3, 0},     {UK_TTRA, "KE_TOAN", 1, 3, 0},
    {UK_MTTQ, "KE_TOAN", 1, 3, 0},     {UK_MASS, "KE_TOAN", 1, 3, 0},
    {UK_DOAN, "KE_TOAN", 1, 3, 0},     {UK_BAN, "CV_TCCB", 1, 3, UF_PERSONNEL},
    {UK_DEPT, "CV_TCCB", 1, 3, UF_PERSONNEL}, {UK_VP, "THU_QUY", 1, 3, UF_TREASURY},
    {UK_COMMUNE, "CC_TP", 2, 3, 0},    {UK_COMMUNE, "CC_VHXH", 2, 3, 0},
    {UK_COMMUNE, "CT_HOI_XA", 4, 3, 0},
};
const int demo_n_seat_specs = (int)(sizeof demo_seat_specs / sizeof demo_seat_specs[0]);

/* --- Names (DEMO.md shares, per mille) --- */
const Weighted demo_family[] = {
    {"Nguyễn", 380}, {"Trần", 110}, {"Lê", 95}, {"Phạm", 70}, {"Hoàng", 40}, {"Huỳnh", 10}, {"Phan", 45},
    {"Vũ", 30},      {"Võ", 9},     {"Đặng", 21}, {"Bùi", 20}, {"Đỗ", 14},   {"Hồ", 13},    {"Ngô", 13},
    {"Dương", 10},   {"Lý", 5},     {"Đinh", 8}, {"Trịnh", 7}, {"Lương", 6}, {"Mai", 5},    {"Tạ", 4},
    {"Lục", 3},      {"Hà", 5},     {"Triệu", 4}, {"Đoàn", 5}, {"Vương", 3}, {"Cao", 4},     {"Đào", 5},
};
const int demo_n_family = (int)(sizeof demo_family / sizeof demo_family[0]);
const Weighted demo_family_minority[] = {{"Hoàng", 20}, {"Nông", 12}, {"Lục", 10}, {"Triệu", 14}, {"Bàn", 10},
                                         {"Lý", 10},    {"Đặng", 8},  {"Vi", 5},   {"Chíu", 6},  {"Voòng", 5}};
const int demo_n_family_minority = (int)(sizeof demo_family_minority / sizeof demo_family_minority[0]);
const Weighted demo_mid_m[] = {{"Văn", 35}, {"Hữu", 8}, {"Đức", 12}, {"Minh", 10}, {"Quang", 9},
                               {"Xuân", 7}, {"Công", 7}, {"Thế", 6},  {"Ngọc", 6}};
const int demo_n_mid_m = (int)(sizeof demo_mid_m / sizeof demo_mid_m[0]);
const Weighted demo_mid_f[] = {{"Thị", 50}, {"Thu", 10}, {"Ngọc", 9}, {"Thanh", 9}, {"Hồng", 8}, {"Diệu", 4}, {"Minh", 6}};
const int demo_n_mid_f = (int)(sizeof demo_mid_f / sizeof demo_mid_f[0]);

const char *const demo_given_m[] = {
    "Long", "Dũng", "Đạt", "Hùng", "Hải", "Anh", "Tuấn", "Thắng", "Ổn", "Ơn", "Sơn", "Tùng", "Cường", "Hưng",
    "Huy", "Khánh", "Kiên", "Lâm", "Mạnh", "Nam", "Nghĩa", "Phong", "Quân", "Tài", "Thành", "Thịnh", "Toàn",
    "Trung", "Tú", "Việt", "Vinh", "Bình", "Chiến", "Duy", "Giang", "Hiếu", "Khoa", "Lợi", "Luân", "Quý",
    "Sáng", "Tâm", "Thái", "Thuận", "Tiến", "Trọng", "Tuyên", "Đông", "Hậu", "Hiệp", "Hòa", "Ninh", "Thông",
    "Bắc", "Cảnh", "Định", "Đoàn", "Hoan", "Khải", "Lực", "Quyết", "Thạch", "Vượng", "Ước"};
const int demo_n_given_m = (int)(sizeof demo_given_m / sizeof demo_given_m[0]);
const char *const demo_given_f[] = {
    "Lan", "Hương", "Hằng", "Thảo", "Yến", "Ánh", "Anh", "Nhung", "Ngọc", "Hà", "Hoa", "Huyền", "Linh", "Loan",
    "Mai", "Nga", "Ngân", "Nhàn", "Oanh", "Phượng", "Quỳnh", "Tâm", "Thanh", "Thủy", "Trang", "Tuyết", "Uyên",
    "Vân", "Xuân", "Dung", "Giang", "Hạnh", "Hiền", "Liên", "Ly", "Mơ", "Nguyệt", "Nhi", "Phương", "Thắm",
    "Thơ", "Thu", "Trâm", "Duyên", "Hoài", "Lụa", "Ngà", "Quyên", "Sen", "Thoa", "Vui", "Yên", "Ơn", "Ổn"};
const int demo_n_given_f = (int)(sizeof demo_given_f / sizeof demo_given_f[0]);

/* Fixed demo people (kept unique) and names of real public figures the generator could otherwise produce. */
static const char *const DENIED[] = {
    "Hoàng Hải Long", "Đặng Văn Đạt", "Nguyễn Văn Linh", "Phạm Văn Đồng", "Phan Văn Khải", "Trần Đức Lương",
    "Nguyễn Xuân Phúc", "Nguyễn Minh Triết", "Phạm Minh Chính", "Võ Văn Thưởng", "Nguyễn Văn Thắng",
    "Vũ Đức Đam", "Nguyễn Văn Hùng", "Nguyễn Văn Nên", "Trần Văn Sơn", "Nguyễn Văn Thể", "Nguyễn Đức Chung",
    "Nguyễn Văn Bình", "Trần Quốc Vượng", "Nguyễn Xuân Ký", "Nguyễn Văn Đọc", "Vũ Đại Thắng",
    "Nguyễn Thị Thanh", "Nguyễn Thị Hằng", "Phạm Quang Nghị", "Lê Thanh Hải", "Nguyễn Hữu Thắng"};

int demo_name_denied(const char *full_name) {
  for (size_t i = 0; i < sizeof DENIED / sizeof DENIED[0]; i++)
    if (strcmp(DENIED[i], full_name) == 0) return 1;
  return 0;
}

const char *demo_pick(Rng *r, const Weighted *w, int n) {
  int total = 0;
  for (int i = 0; i < n; i++) total += w[i].weight;
  int x = rng_int(r, 0, total - 1);
  for (int i = 0; i < n; i++) {
    if (x < w[i].weight) return w[i].text;
    x -= w[i].weight;
  }
  return w[0].text;
}

/* --- Ethnicity, religion, places --- */
const Weighted demo_ethnic_lowland[] = {{"Kinh", 930}, {"Tày", 30}, {"Hoa", 15}, {"Dao", 10}, {"Sán Dìu", 10}, {"Sán Chỉ", 5}};
const Weighted demo_ethnic_highland[] = {{"Kinh", 550}, {"Tày", 120}, {"Hoa", 30}, {"Dao", 180}, {"Sán Dìu", 40}, {"Sán Chỉ", 80}};
const int demo_n_ethnic = (int)(sizeof demo_ethnic_lowland / sizeof demo_ethnic_lowland[0]);
const Weighted demo_religion[] = {{"Không", 940}, {"Phật giáo", 30}, {"Công giáo", 30}};
const int demo_n_religion = (int)(sizeof demo_religion / sizeof demo_religion[0]);

const char *const demo_places_qn[] = {
    "Đầm Hà, Quảng Ninh", "Hải Hà, Quảng Ninh", "Tiên Yên, Quảng Ninh", "Bình Liêu, Quảng Ninh",
    "Ba Chẽ, Quảng Ninh", "Vân Đồn, Quảng Ninh", "Cẩm Phả, Quảng Ninh", "Hạ Long, Quảng Ninh",
    "Uông Bí, Quảng Ninh", "Đông Triều, Quảng Ninh", "Quảng Yên, Quảng Ninh", "Cô Tô, Quảng Ninh"};
const int demo_n_places_qn = (int)(sizeof demo_places_qn / sizeof demo_places_qn[0]);
const char *const demo_places_other[] = {
    "Kiến Xương, Thái Bình", "Vũ Thư, Thái Bình", "Hải Hậu, Nam Định", "Giao Thủy, Nam Định",
    "Thanh Hà, Hải Dương", "Kim Thành, Hải Dương", "Thủy Nguyên, Hải Phòng", "Hậu Lộc, Thanh Hóa",
    "Lục Ngạn, Bắc Giang", "Lộc Bình, Lạng Sơn", "Khoái Châu, Hưng Yên", "Lý Nhân, Hà Nam"};
const int demo_n_places_other = (int)(sizeof demo_places_other / sizeof demo_places_other[0]);
