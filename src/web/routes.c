/*
** The route table: every URL canbo answers, with its permission. The router
** (core/http.c) enforces session, permission and CSRF from this table before
** a handler runs; tests/unit/test_routes.c walks it and fails on any route
** that is neither permissioned nor explicitly public.
*/
#include "web/web.h"

const Route web_routes[] = {
    /* method   pattern                    handler             permission   flags                help */
    {"GET", "/assets/{file}", asset_get, PERM_PUBLIC, 0, "tệp tĩnh (CSS, JS)"},
    {"GET", "/dang-nhap", page_login, PERM_PUBLIC, 0, "trang đăng nhập"},
    {"POST", "/dang-nhap", page_login_post, PERM_PUBLIC, R_NO_CSRF, "đăng nhập (biểu mẫu)"},
    {"POST", "/dang-xuat", page_logout, PERM_READ, 0, "đăng xuất"},
    {"GET", "/", page_home, PERM_READ, 0, "trang chủ: cây đơn vị, số liệu chính"},
    {"GET", "/can-bo", page_cadres, PERM_READ, 0, "danh sách cán bộ, tìm kiếm"},
    {"GET", "/can-bo/{code}", page_profile, PERM_READ, 0, "hồ sơ cán bộ (Mẫu 2C)"},
    {"GET", "/can-bo/{code}/dieu-kien", page_eligibility, PERM_READ, 0, "kiểm tra điều kiện của cán bộ (CONTRACT §5)"},
    {"GET", "/nhap-du-lieu", page_import, PERM_WRITE, 0, "trang nhập dữ liệu CSV"},
    {"POST", "/nhap-du-lieu", page_import_post, PERM_WRITE, 0, "nhập tệp CSV"},
    {"GET", "/xuat/{kind}", page_export, PERM_READ, 0, "tải tệp xuất (csv, xlsx, json) trong phạm vi"},
    {"POST", "/api/v1/session", api_session_login, PERM_PUBLIC, R_JSON | R_NO_CSRF, "đăng nhập (API)"},
    {"GET", "/api/v1/session", api_session_get, PERM_READ, R_JSON, "phiên hiện tại"},
    {"DELETE", "/api/v1/session", api_session_logout, PERM_READ, R_JSON, "đăng xuất (API)"},
    {"GET", "/api/v1/cadres", api_cadres_list, PERM_READ, R_JSON, "tìm cán bộ"},
    {"GET", "/api/v1/cadres/{code}", api_cadre_get, PERM_READ, R_JSON, "hồ sơ cán bộ (JSON)"},
    {"GET", "/api/v1/cadres/{code}/eligibility", api_cadre_eligibility, PERM_READ, R_JSON, "kiểm tra điều kiện (§5)"},
    {"GET", "/api/v1/units", api_units, PERM_READ, R_JSON, "cây đơn vị trong phạm vi"},
    /* planning pools, review, forecasts (helper plan) */
    {"GET", "/quy-hoach", page_planning, PERM_READ, 0, "nguồn quy hoạch theo đơn vị, chức danh, nhiệm kỳ"},
    {"POST", "/quy-hoach/them", page_planning_add, PERM_WRITE, 0, "bổ sung quy hoạch (kiểm tra điều kiện)"},
    {"POST", "/quy-hoach/dua-ra", page_planning_remove, PERM_WRITE, 0, "đưa ra khỏi quy hoạch"},
    {"GET", "/quy-hoach/ra-soat", page_planning_review, PERM_READ, 0, "rà soát quy hoạch hằng năm (?format=csv|xlsx)"},
    {"GET", "/du-bao", page_forecast, PERM_READ, 0, "dự báo nghỉ hưu, nguồn thay thế (?format=csv|xlsx)"},
    {"GET", "/api/v1/planning", api_planning_pools, PERM_READ, R_JSON, "nguồn quy hoạch (JSON)"},
    {"POST", "/api/v1/planning", api_planning_add, PERM_WRITE, R_JSON, "bổ sung quy hoạch (201 hoặc 422)"},
    {"POST", "/api/v1/planning/remove", api_planning_remove, PERM_WRITE, R_JSON, "đưa ra khỏi quy hoạch"},
    {"GET", "/api/v1/planning/history", api_planning_history, PERM_READ, R_JSON, "lịch sử quy hoạch"},
    {"GET", "/api/v1/planning/review", api_planning_review, PERM_READ, R_JSON, "rà soát quy hoạch (JSON)"},
    {"GET", "/api/v1/forecast/retirements", api_forecast_retirements, PERM_READ, R_JSON, "dự báo nghỉ hưu (JSON)"},
    /* evaluations, disciplines, rules (helper dise) */
    {"GET", "/danh-gia", page_evaluations, PERM_READ, 0, "đánh giá, xếp loại theo đơn vị và năm (EVAL-2, EVAL-3)"},
    {"GET", "/can-bo/{code}/danh-gia", page_evaluation_form, PERM_WRITE, 0, "biểu mẫu ghi kết quả đánh giá"},
    {"POST", "/can-bo/{code}/danh-gia", page_evaluation_post, PERM_WRITE, 0, "ghi kết quả đánh giá"},
    {"GET", "/ky-luat", page_disciplines, PERM_READ, 0, "danh sách kỷ luật, thời hạn ảnh hưởng"},
    {"GET", "/can-bo/{code}/ky-luat", page_discipline_form, PERM_WRITE, 0, "biểu mẫu ghi kỷ luật"},
    {"POST", "/can-bo/{code}/ky-luat", page_discipline_post, PERM_WRITE, 0, "ghi kỷ luật"},
    {"GET", "/quy-dinh", page_rules, PERM_READ, 0, "các phiên bản quy định"},
    {"GET", "/quy-dinh/{id}", page_rule_edit, PERM_ADMIN, 0, "sửa phiên bản quy định"},
    {"POST", "/quy-dinh/{id}", page_rule_edit_post, PERM_ADMIN, 0, "lưu phiên bản quy định"},
    {"POST", "/quy-dinh/{id}/phien-ban-moi", page_rule_new_version, PERM_ADMIN, 0, "thêm phiên bản quy định"},
    {"GET", "/api/v1/rules", api_rules_list, PERM_READ, R_JSON, "các phiên bản quy định (JSON)"},
    {"GET", "/api/v1/rules/{id}", api_rule_get, PERM_READ, R_JSON, "một phiên bản quy định"},
    {"PUT", "/api/v1/rules/{id}", api_rule_put, PERM_ADMIN, R_JSON, "sửa phiên bản quy định"},
    {"POST", "/api/v1/rules", api_rule_post, PERM_ADMIN, R_JSON, "thêm phiên bản quy định"},
    {NULL, NULL, NULL, PERM_PUBLIC, 0, NULL},
};
