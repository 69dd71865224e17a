/* Placeholder handlers until pages_*.c land; delete this file then. */
#include "web/web.h"
void page_login(Req *r) { (void)r; }
void page_login_post(Req *r) { (void)r; }
void page_logout(Req *r) { (void)r; }
void page_home(Req *r) { (void)r; }
void page_cadres(Req *r) { (void)r; }
void page_profile(Req *r) { (void)r; }
void page_import(Req *r) { (void)r; }
void page_import_post(Req *r) { (void)r; }
void page_export(Req *r) { (void)r; }
