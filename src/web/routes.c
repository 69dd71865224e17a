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
    {NULL, NULL, NULL, PERM_PUBLIC, 0, NULL},
};
